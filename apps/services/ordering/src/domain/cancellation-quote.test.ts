import { describe, expect, it } from "vitest";
import { formatInZone, quoteCancellation, type CancellationTerms } from "./cancellation-quote";

const startsAt = new Date("2026-12-14T18:30:00Z");
const terms = (t: Partial<CancellationTerms> = {}): CancellationTerms => ({
  allowed: true,
  hoursBefore: 48,
  feeCents: null,
  feeBasisPoints: null,
  startsAt,
  ...t,
});

describe("quoteCancellation", () => {
  it("refunds the whole price inside a policy without a fee, up to the deadline itself", () => {
    const deadline = new Date("2026-12-12T18:30:00Z");
    expect(quoteCancellation(terms(), 5_000, deadline)).toEqual({
      ok: true,
      value: { refundCents: 5_000, feeCents: 0, deadline },
    });
  });

  it("refuses after the deadline, naming it", () => {
    expect(quoteCancellation(terms(), 5_000, new Date("2026-12-12T18:30:00.001Z"))).toEqual({
      ok: false,
      error: { kind: "cancellation-deadline-passed", deadline: new Date("2026-12-12T18:30:00Z") },
    });
  });

  it("refuses when the event allows no cancellations or its start is unknown", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    expect(quoteCancellation(terms({ allowed: false }), 5_000, now).ok).toBe(false);
    expect(quoteCancellation(terms({ startsAt: null }), 5_000, now).ok).toBe(false);
  });

  it("takes a fixed fee or basis points rounded down, never more than the price", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const fixed = quoteCancellation(terms({ feeCents: 200 }), 5_000, now);
    expect(fixed.ok && fixed.value).toMatchObject({ refundCents: 4_800, feeCents: 200 });
    const share = quoteCancellation(terms({ feeBasisPoints: 250 }), 3_333, now);
    expect(share.ok && share.value).toMatchObject({ refundCents: 3_250, feeCents: 83 });
    const capped = quoteCancellation(terms({ feeCents: 900 }), 500, now);
    expect(capped.ok && capped.value).toMatchObject({ refundCents: 0, feeCents: 500 });
  });
});

describe("formatInZone", () => {
  it("writes the instant in the venue's time zone", () => {
    expect(formatInZone(new Date("2026-12-12T18:30:00Z"), "Europe/Berlin")).toBe(
      "Sat 12 Dec 2026, 19:30",
    );
  });
});
