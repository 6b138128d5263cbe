import type { RefundRefusal } from "./refund-rules";

/**
 * The reason stored with an automatic refund and sent in payment-refunded: inventory could not
 * sell the paid seats, named by id so support can trace them.
 */
export const confirmationFailedReason = (
  unavailableSeatIds: readonly string[],
  inventoryReason: string,
): string => {
  const seats = [...new Set(unavailableSeatIds)].sort();
  const noun = seats.length === 1 ? "seat" : "seats";
  return `${noun} no longer available: ${seats.join(", ")} (${inventoryReason})`;
};

/** Amounts as integer minor units with their currency (`4500 EUR minor units`), never as floats. */
const amount = (cents: number, currency: string) => `${cents} ${currency} minor units`;

/**
 * Why a requested refund is not made, for payment.refund-refused (the organizer and the customer
 * read it on the order): the order took no payment, nothing of it is left, or the request asks
 * for more than is left.
 */
export const refundRefusedReason = (
  refusal: RefundRefusal | { kind: "no-payment" },
  /** The payment's currency (none when there was no payment). */
  currency = "",
): string => {
  switch (refusal.kind) {
    case "no-payment":
      return "the order took no payment, so there is nothing to refund";
    case "nothing-to-refund":
      return `nothing is left to refund: ${amount(refusal.refundedCents, currency)} of the ${amount(refusal.paidCents, currency)} paid went back already`;
    case "refund-exceeds-payment":
      return `the refund asks for ${amount(refusal.requestedCents, currency)}, more than the ${amount(refusal.paidCents - refusal.refundedCents, currency)} left of the payment`;
  }
};
