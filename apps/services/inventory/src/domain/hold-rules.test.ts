import { describe, expect, it } from "vitest";
import {
  checkCustomerCap,
  checkSeatRequest,
  checkSeatsHoldable,
  holdExpiresAt,
  holdTtlSeconds,
  MAX_SEATS_PER_REQUEST,
  type StockedSeat,
} from "./hold-rules";

const eventId = "00000000-0000-4000-8000-0000000000e1";
const seat = (id: string, overrides: Partial<StockedSeat> = {}): StockedSeat => ({
  id,
  eventId,
  section: "A",
  row: "1",
  number: Number(id.slice(-1)),
  priceCents: 5_000,
  currency: "EUR",
  state: "available",
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

describe("checkSeatsHoldable", () => {
  it("accepts free seats of the event", () => {
    const result = checkSeatsHoldable(eventId, ["s1", "s2"], [seat("s1"), seat("s2")]);
    expect(result.ok && result.value.map((s) => s.id)).toEqual(["s1", "s2"]);
  });

  it("names a seat that does not exist", () => {
    expect(checkSeatsHoldable(eventId, ["s1", "s9"], [seat("s1")])).toEqual({
      ok: false,
      error: { kind: "unknown-seat", seatId: "s9" },
    });
  });

  it("names a seat of another event", () => {
    const other = seat("s2", { eventId: "00000000-0000-4000-8000-0000000000e2" });
    expect(checkSeatsHoldable(eventId, ["s1", "s2"], [seat("s1"), other])).toEqual({
      ok: false,
      error: { kind: "seat-of-other-event", seatId: "s2", eventId },
    });
  });

  it.each(["held", "sold"] as const)("names a %s seat as taken, by its label", (state) => {
    const taken = seat("s2", { section: "B", row: "4", number: 12, state });
    expect(checkSeatsHoldable(eventId, ["s1", "s2"], [seat("s1"), taken])).toEqual({
      ok: false,
      error: { kind: "seat-taken", seatId: "s2", label: "B-4-12" },
    });
  });
});

describe("checkCustomerCap", () => {
  it("allows up to the limit across holds", () => {
    expect(checkCustomerCap({ alreadyHeld: 6, requested: 4, limit: 10 }).ok).toBe(true);
  });

  it("refuses one seat over the limit", () => {
    expect(checkCustomerCap({ alreadyHeld: 6, requested: 5, limit: 10 })).toEqual({
      ok: false,
      error: { kind: "over-customer-cap", alreadyHeld: 6, requested: 5, limit: 10 },
    });
  });
});

describe("hold TTL", () => {
  it("uses the event's own TTL when catalog set one", () => {
    expect(holdTtlSeconds(120, 900)).toBe(120);
    expect(holdTtlSeconds(null, 900)).toBe(900);
    expect(holdTtlSeconds(undefined, 900)).toBe(900);
  });

  it("expires a hold TTL seconds after it was taken", () => {
    expect(holdExpiresAt(new Date("2026-01-01T10:00:00Z"), 900).toISOString()).toBe(
      "2026-01-01T10:15:00.000Z",
    );
  });
});
