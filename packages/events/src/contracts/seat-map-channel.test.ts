import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  encodeSeatMapChange,
  parseSeatMapChange,
  seatMapChannel,
  type SeatMapChange,
} from "./seat-map-channel";

const change = (overrides: Partial<SeatMapChange> = {}): SeatMapChange => ({
  eventId: randomUUID(),
  state: "held",
  seatIds: [randomUUID(), randomUUID()],
  seats: [
    [0, 3],
    [1, 0],
  ],
  ...overrides,
});

describe("seat-map channel contract", () => {
  it("names one channel per event", () => {
    const eventId = randomUUID();
    expect(seatMapChannel(eventId)).toBe(`seatmap:${eventId}`);
  });

  it("reads back what it writes, with the version in the message", () => {
    const written = change();
    const text = encodeSeatMapChange(written);
    expect(JSON.parse(text)).toMatchObject({ version: 1, eventId: written.eventId });
    expect(parseSeatMapChange(text)).toEqual({ ok: true, change: written });
  });

  it("reads a message written before messages carried a version as version 1", () => {
    const written = change({ state: "sold" });
    expect(parseSeatMapChange(JSON.stringify(written))).toEqual({ ok: true, change: written });
  });

  it("refuses to write a broken change, naming the field", () => {
    expect(() => encodeSeatMapChange(change({ state: "gone" as "held" }))).toThrow(/state/);
    expect(() => encodeSeatMapChange(change({ seats: [[0, 1]] }))).toThrow(
      /one position per seat id/,
    );
  });

  it("reports what it cannot read instead of throwing", () => {
    expect(parseSeatMapChange("{not json")).toEqual({ ok: false, error: "not JSON" });
    expect(parseSeatMapChange(JSON.stringify({ ...change(), version: 2 }))).toEqual({
      ok: false,
      error: "version 2 is newer than the known 1",
    });
    const broken = parseSeatMapChange(JSON.stringify({ ...change(), seats: [[0, -1]] }));
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/^seats/);
    expect(parseSeatMapChange(JSON.stringify({ version: 1 }))).toMatchObject({ ok: false });
    expect(parseSeatMapChange("null")).toMatchObject({ ok: false });
  });
});
