import { describe, expect, it } from "vitest";
import { decideRefundAmount } from "./refund-rules";

describe("decideRefundAmount", () => {
  it("gives back whatever is left when no amount is named", () => {
    expect(decideRefundAmount(9_000, 0, null)).toEqual({ ok: true, value: 9_000 });
    expect(decideRefundAmount(9_000, 4_500, null)).toEqual({ ok: true, value: 4_500 });
  });

  it("gives back a named amount that fits in what is left", () => {
    expect(decideRefundAmount(9_000, 4_500, 4_500)).toEqual({ ok: true, value: 4_500 });
  });

  it("refuses an amount above what is left, naming paid and refunded", () => {
    expect(decideRefundAmount(9_000, 4_500, 4_501)).toEqual({
      ok: false,
      error: {
        kind: "refund-exceeds-payment",
        requestedCents: 4_501,
        paidCents: 9_000,
        refundedCents: 4_500,
      },
    });
  });

  it("refuses when nothing is left, or the payment took nothing", () => {
    expect(decideRefundAmount(9_000, 9_000, null).ok).toBe(false);
    expect(decideRefundAmount(9_000, 9_000, 1).ok).toBe(false);
    expect(decideRefundAmount(0, 0, null).ok).toBe(false);
  });
});
