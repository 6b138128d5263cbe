import { describe, expect, it } from "vitest";
import {
  afterHoldConfirmationFailed,
  afterHoldConfirmed,
  afterHoldExpired,
  afterPaymentFailed,
  afterPaymentRefunded,
  afterPaymentSucceeded,
  afterTicketsIssued,
  isCancellable,
  ORDER_STATUSES,
  type OrderStatus,
} from "./order-status";

const table = (fn: (s: OrderStatus) => OrderStatus | null) =>
  Object.fromEntries(ORDER_STATUSES.map((s) => [s, fn(s)]));

describe("order lifecycle", () => {
  it("lets the customer cancel only a cart or an unpaid order", () => {
    expect(ORDER_STATUSES.filter(isCancellable)).toEqual(["draft", "pending", "payment_failed"]);
  });

  it("marks an order paid, or confirmed at once when inventory sold (or will sell) every hold", () => {
    expect(table((s) => afterPaymentSucceeded(s, false))).toEqual({
      draft: null,
      pending: "paid",
      paid: null,
      confirmed: null,
      fulfilled: null,
      payment_failed: "paid",
      expired: "paid",
      cancelled: "paid",
      failed: null,
      refunded: null,
    });
    expect(afterPaymentSucceeded("pending", true)).toBe("confirmed");
    expect(afterPaymentSucceeded("payment_failed", true)).toBe("confirmed");
  });

  it("records a declined card only while the order awaits payment", () => {
    expect(ORDER_STATUSES.filter((s) => afterPaymentFailed(s) === "payment_failed")).toEqual([
      "pending",
      "payment_failed",
    ]);
  });

  it("confirms a paid order once its last hold is sold, and nothing else", () => {
    expect(afterHoldConfirmed("paid", true)).toBe("confirmed");
    expect(afterHoldConfirmed("paid", false)).toBeNull();
    expect(afterHoldConfirmed("pending", true)).toBeNull();
    expect(afterHoldConfirmed("confirmed", true)).toBeNull();
  });

  it("fails an order whose seats could not be sold, even one confirmed on pinned holds, unless the refund already closed it", () => {
    expect(table(afterHoldConfirmationFailed)).toEqual({
      draft: null,
      pending: "failed",
      paid: "failed",
      confirmed: "failed",
      fulfilled: "failed",
      payment_failed: "failed",
      expired: "failed",
      cancelled: "failed",
      failed: null,
      refunded: null,
    });
  });

  it("marks any placed order refunded once", () => {
    expect(afterPaymentRefunded("draft")).toBeNull();
    expect(afterPaymentRefunded("refunded")).toBeNull();
    expect(afterPaymentRefunded("failed")).toBe("refunded");
    expect(afterPaymentRefunded("confirmed")).toBe("refunded");
  });

  it("expires a cart when its last hold runs out, and an unpaid order at its first", () => {
    expect(afterHoldExpired("draft", 1)).toBeNull();
    expect(afterHoldExpired("draft", 0)).toBe("expired");
    expect(afterHoldExpired("pending", 3)).toBe("expired");
    expect(afterHoldExpired("payment_failed", 0)).toBe("expired");
    expect(afterHoldExpired("paid", 0)).toBeNull();
    expect(afterHoldExpired("confirmed", 0)).toBeNull();
  });

  it("fulfils only a confirmed order", () => {
    expect(ORDER_STATUSES.filter((s) => afterTicketsIssued(s) === "fulfilled")).toEqual([
      "confirmed",
    ]);
  });
});
