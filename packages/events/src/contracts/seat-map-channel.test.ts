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

  it("leaves the revision to the publish script and reads it back from the channel", () => {
    const written = change();
    const text = encodeSeatMapChange({ ...written, revision: 7 } as SeatMapChange);
    expect(JSON.parse(text)).not.toHaveProperty("revision");
    // What PUBLISH_SEAT_MAP_CHANGE sends: the revision added as the last field.
    const published = `${text.slice(0, -1)},"revision":1780000000000001}`;
    expect(parseSeatMapChange(published)).toEqual({
      ok: true,
      change: { ...written, revision: 1780000000000001 },
    });
    expect(parseSeatMapChange(`${text.slice(0, -1)},"revision":-1}`)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^revision: /) as unknown,
    });
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
