import { describe, expect, it } from "vitest";
import {
  capKeyOf,
  checkSeatRequest,
  checkSeatsOfEvent,
  MAX_SEATS_PER_REQUEST,
  seatTaken,
  type SeatFacts,
} from "./hold-rules";

const eventId = "00000000-0000-4000-8000-0000000000e1";
const seat = (id: string, overrides: Partial<SeatFacts> = {}): SeatFacts => ({
  id,
  eventId,
  section: "A",
  row: "1",
  number: Number(id.slice(-1)),
  priceCents: 5_000,
  currency: "EUR",
  ...overrides,
});

describe("checkSeatRequest", () => {
  it("refuses an empty request", () => {
    expect(checkSeatRequest([])).toEqual({ ok: false, error: { kind: "no-seats" } });
  });

  it("refuses more seats than one request may hold", () => {
    const ids = Array.from({ length: MAX_SEATS_PER_REQUEST + 1 }, (_, i) => `s${i}`);
    expect(checkSeatRequest(ids)).toEqual({
      ok: false,
      error: { kind: "too-many-seats", requested: 11, limit: 10 },
    });
  });

  it("refuses a seat listed twice", () => {
    expect(checkSeatRequest(["s1", "s2", "s1"])).toEqual({
      ok: false,
      error: { kind: "duplicate-seat", seatId: "s1" },
    });
  });

  it("returns the seats sorted, the order every caller locks them in", () => {
    expect(checkSeatRequest(["s3", "s1", "s2"])).toEqual({ ok: true, value: ["s1", "s2", "s3"] });
  });
});

const byId = (...seats: SeatFacts[]) => new Map(seats.map((s) => [s.id, s]));

describe("checkSeatsOfEvent", () => {
  it("accepts seats of the event, in the requested order", () => {
    const result = checkSeatsOfEvent(eventId, ["s2", "s1"], byId(seat("s1"), seat("s2")));
    expect(result.ok && result.value.map((s) => s.id)).toEqual(["s2", "s1"]);
  });

  it("names a seat that does not exist", () => {
    expect(checkSeatsOfEvent(eventId, ["s1", "s9"], byId(seat("s1")))).toEqual({
      ok: false,
      error: { kind: "unknown-seat", seatId: "s9" },
    });
  });

  it("names a seat of another event", () => {
    const other = seat("s2", { eventId: "00000000-0000-4000-8000-0000000000e2" });
    expect(checkSeatsOfEvent(eventId, ["s1", "s2"], byId(seat("s1"), other))).toEqual({
      ok: false,
      error: { kind: "seat-of-other-event", seatId: "s2", eventId },
    });
  });
});

describe("seatTaken", () => {
  it("names a taken seat by its label", () => {
    expect(seatTaken(seat("s2", { section: "B", row: "4", number: 12 }))).toEqual({
      kind: "seat-taken",
      seatId: "s2",
      label: "Section B, row 4, seat 12",
    });
  });
});

describe("capKeyOf", () => {
  it("counts an email however it is capitalised or padded as one customer", () => {
    expect(capKeyOf(" Ada@Example.COM ")).toBe("ada@example.com");
    expect(capKeyOf("ada@example.com")).toBe(capKeyOf("ADA@EXAMPLE.COM"));
  });
});
