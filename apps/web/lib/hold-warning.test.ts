import { describe, expect, it } from "vitest";
import { HOLD_WARNING_MS, msUntilHoldWarning } from "./hold-warning";

describe("msUntilHoldWarning", () => {
  it("is due two minutes before the hold ends, and at once inside those two minutes", () => {
    const now = Date.parse("2026-12-01T10:00:00.000Z");
    expect(HOLD_WARNING_MS).toBe(120_000);
    expect(msUntilHoldWarning("2026-12-01T10:10:00.000Z", now)).toBe(8 * 60_000);
    expect(msUntilHoldWarning("2026-12-01T10:01:30.000Z", now)).toBe(0);
  });
});
