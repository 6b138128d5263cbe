import { describe, expect, it } from "vitest";
import { confirmationFailedReason, refundRefusedReason } from "./refund-reason";

describe("confirmationFailedReason", () => {
  it("names a single unavailable seat and inventory's reason", () => {
    expect(confirmationFailedReason(["b"], "hold expired")).toBe(
      "seat no longer available: b (hold expired)",
    );
  });

  it("names every unavailable seat once, in a stable order", () => {
    expect(confirmationFailedReason(["c", "a", "c"], "sold")).toBe(
      "seats no longer available: a, c (sold)",
    );
  });
});

describe("refundRefusedReason", () => {
  it("says an order without a payment has nothing to refund", () => {
    expect(refundRefusedReason({ kind: "no-payment" })).toBe(
      "the order took no payment, so there is nothing to refund",
    );
  });

  it("names what was paid and what went back already", () => {
    expect(
      refundRefusedReason(
        { kind: "nothing-to-refund", paidCents: 9000, refundedCents: 9000 },
        "EUR",
      ),
    ).toBe(
      "nothing is left to refund: 9000 EUR minor units of the 9000 EUR minor units paid went back already",
    );
  });

  it("names what was asked and what is left", () => {
    expect(
      refundRefusedReason(
        {
          kind: "refund-exceeds-payment",
          requestedCents: 5000,
          paidCents: 9000,
          refundedCents: 6000,
        },
        "EUR",
      ),
    ).toBe(
      "the refund asks for 5000 EUR minor units, more than the 3000 EUR minor units left of the payment",
    );
  });
});
