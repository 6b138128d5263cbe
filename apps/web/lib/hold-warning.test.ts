import { describe, expect, it } from "vitest";
import { canExtendHold, holdsToExtend, HOLD_WARNING_MS, msUntilHoldWarning } from "./hold-warning";

describe("msUntilHoldWarning", () => {
  it("is due two minutes before the hold ends, and at once inside those two minutes", () => {
    const now = Date.parse("2026-12-01T10:00:00.000Z");
    expect(HOLD_WARNING_MS).toBe(120_000);
    expect(msUntilHoldWarning("2026-12-01T10:10:00.000Z", now)).toBe(8 * 60_000);
    expect(msUntilHoldWarning("2026-12-01T10:01:30.000Z", now)).toBe(0);
  });
});

describe("the one extension", () => {
  const item = (reservationId: string, expiresAt: string, extendedAt: string | null = null) => ({
    reservationId,
    expiresAt,
    extendedAt,
  });
  const first = "2026-12-01T10:10:00.000Z";

  it("is offered only when the event allows it and the holds ending first were never extended", () => {
    const cart = [item("a", first), item("b", "2026-12-01T10:20:00.000Z", "2026-12-01T10:00:00Z")];
    expect(canExtendHold(cart, first, 5)).toBe(true);
    expect(canExtendHold(cart, first, 0)).toBe(false);
    expect(canExtendHold([item("a", first, "2026-12-01T10:05:00Z")], first, 5)).toBe(false);
    expect(canExtendHold([], first, 5)).toBe(false);
  });

  it("extends the holds not extended yet that end within two minutes of the first", () => {
    const cart = [
      item("a", first),
      item("b", "2026-12-01T10:11:59.000Z"),
      item("c", "2026-12-01T10:12:00.000Z"),
      item("d", "2026-12-01T10:10:30.000Z", "2026-12-01T10:00:00Z"),
    ];
    expect(holdsToExtend(cart, first)).toEqual(["a", "b"]);
  });
});
