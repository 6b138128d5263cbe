/**
 * The order lifecycle. A draft is the cart; checkout makes it pending; payment and inventory's
 * confirmation move it on. Each function answers the status an order moves to when something
 * happens, or null when that event changes nothing for an order in that status. The Kafka topics
 * that feed them are not ordered with each other, so every function accepts any status.
 */
export const ORDER_STATUSES = [
  "draft",
  "pending",
  "paid",
  "confirmed",
  "fulfilled",
  "payment_failed",
  "expired",
  "cancelled",
  "failed",
  "refunded",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses in which the customer may still cancel (and the holds are still the customer's). */
const CANCELLABLE: ReadonlySet<OrderStatus> = new Set(["draft", "pending", "payment_failed"]);
export const isCancellable = (status: OrderStatus): boolean => CANCELLABLE.has(status);

/** Statuses awaiting a (new) payment. */
const AWAITING_PAYMENT: ReadonlySet<OrderStatus> = new Set(["pending", "payment_failed"]);

/**
 * Money was taken. An order that expired or was cancelled while the payment was in flight is paid
 * all the same: inventory re-takes its seats if they are still free, or refunds through
 * reservation-confirmation-failed. `allHoldsSold`: inventory has sold every hold, or will (payment
 * pinned them all before charging).
 */
export const afterPaymentSucceeded = (
  status: OrderStatus,
  allHoldsSold: boolean,
): OrderStatus | null => {
  if (AWAITING_PAYMENT.has(status) || status === "expired" || status === "cancelled") {
    return allHoldsSold ? "confirmed" : "paid";
  }
  return null;
};

/** A declined card: the customer may try again while the holds live. */
export const afterPaymentFailed = (status: OrderStatus): OrderStatus | null =>
  AWAITING_PAYMENT.has(status) ? "payment_failed" : null;

/** Inventory sold one of the order's holds; the order is confirmed once all are sold and it is paid. */
export const afterHoldConfirmed = (
  status: OrderStatus,
  allHoldsConfirmed: boolean,
): OrderStatus | null => (status === "paid" && allHoldsConfirmed ? "confirmed" : null);

/**
 * Inventory could not sell a hold the order paid for (or was about to pay for). The order has
 * failed; payment refunds it. A refund that arrived first keeps the order `refunded`. An order
 * confirmed (even fulfilled) on pinned holds fails too: that happens only if inventory read the
 * payment after the pin had lapsed, and the seats are someone else's.
 */
export const afterHoldConfirmationFailed = (status: OrderStatus): OrderStatus | null =>
  UNFAILABLE.has(status) ? null : "failed";
const UNFAILABLE: ReadonlySet<OrderStatus> = new Set(["draft", "failed", "refunded"]);

/** Payment gave the money back. */
export const afterPaymentRefunded = (status: OrderStatus): OrderStatus | null =>
  status === "draft" || status === "refunded" ? null : "refunded";

/**
 * A hold ran out. A cart drops that hold and expires once none is left; a placed order that
 * still awaits payment expires at once, since its total covered the lost seats.
 */
export const afterHoldExpired = (
  status: OrderStatus,
  holdsLeftInCart: number,
): OrderStatus | null => {
  if (status === "draft") return holdsLeftInCart === 0 ? "expired" : null;
  return AWAITING_PAYMENT.has(status) ? "expired" : null;
};

/** Fulfillment issued the tickets. */
export const afterTicketsIssued = (status: OrderStatus): OrderStatus | null =>
  status === "confirmed" ? "fulfilled" : null;
