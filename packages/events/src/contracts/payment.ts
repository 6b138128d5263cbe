import { z } from "zod";
import { defineEvent } from "../define-event";
import { Cents, Currency } from "../envelope";
import { Topics } from "../topics";

const PaymentRef = {
  paymentId: z.uuid(),
  orderId: z.uuid(),
  customerId: z.string().min(1),
  amountCents: Cents,
  currency: Currency,
};

/** Payment → inventory (sell the held seats), ordering (order paid). */
export const PaymentSucceeded = defineEvent({
  type: "payment.payment-succeeded",
  topic: Topics.paymentPayments,
  version: 1,
  data: z.object({
    ...PaymentRef,
    eventId: z.uuid(),
    reservationIds: z.array(z.uuid()).min(1),
    /**
     * Set when payment pinned every one of the order's holds in inventory before charging: a
     * pinned hold neither expires nor is released until this payment settles, so inventory sells
     * it on this event and ordering confirms the order at once instead of waiting for
     * reservation-confirmed. Absent when inventory could not be asked (ordering then waits).
     */
    holdsPinnedUntil: z.iso.datetime().optional(),
  }),
});

/**
 * Payment → ordering (the customer may retry while the holds live), inventory (the holds this
 * payment pinned are unpinned): the card was refused, or a hold had ended before the charge.
 */
export const PaymentFailed = defineEvent({
  type: "payment.payment-failed",
  topic: Topics.paymentPayments,
  version: 1,
  data: z.object({
    ...PaymentRef,
    reason: z.enum([
      "card_declined",
      "insufficient_funds",
      "invalid_card",
      "processing_error",
      // Inventory refused to pin a hold (it had ended): nothing was charged.
      "hold_ended",
    ]),
    message: z.string().min(1),
  }),
});

/**
 * Why money goes back: inventory could not sell paid seats (automatic), the event was cancelled,
 * the organizer refunded, or the customer cancelled within the event's policy.
 */
export const RefundKind = z.enum(["seats-unavailable", "event-cancelled", "organizer", "customer"]);
export type RefundKind = z.infer<typeof RefundKind>;

/** What becomes of refunded seats: back on sale, or kept off sale (the organizer's choice). */
export const RefundedSeatsTo = z.enum(["available", "blocked"]);
export type RefundedSeatsTo = z.infer<typeof RefundedSeatsTo>;

/**
 * Payment → ordering, notification, fulfillment, inventory: money went back to the customer.
 * `amountCents` is this refund; a payment may have several. The fields after `reason` were added
 * compatibly (defaults describe the one full automatic refund that was all version 1 carried).
 */
export const PaymentRefunded = defineEvent({
  type: "payment.payment-refunded",
  topic: Topics.paymentPayments,
  version: 1,
  data: z.object({
    ...PaymentRef,
    refundId: z.uuid(),
    reason: z.string().min(1),
    kind: RefundKind.default("seats-unavailable"),
    /** Every refund of the payment so far, this one included; absent: this refund was the only one. */
    refundedTotalCents: Cents.optional(),
    /** What the payment took, so consumers can tell a full refund from a partial one. */
    paymentAmountCents: Cents.optional(),
    /** The order's request this refund answers (`ordering.refund-requested`), when there was one. */
    requestId: z.uuid().optional(),
    /** The seats given back; empty when none are named (automatic refund, cancelled event). */
    seatIds: z.array(z.uuid()).default([]),
    seatsTo: RefundedSeatsTo.default("blocked"),
  }),
});

/**
 * Payment → ordering: a requested refund (`ordering.refund-requested`) will not be made, and why:
 * the order took no payment, or the request asks for more than is left of it. Nothing was
 * written; the request is answered, so nobody waits for it any longer.
 */
export const PaymentRefundRefused = defineEvent({
  type: "payment.refund-refused",
  topic: Topics.paymentPayments,
  version: 1,
  data: z.object({
    orderId: z.uuid(),
    /** The order's request this answers. */
    requestId: z.uuid(),
    kind: RefundKind,
    /** Null: the request asked for whatever was left. */
    requestedCents: Cents.nullable(),
    /** What was left to refund when it was decided (0 when nothing was paid). */
    refundableCents: Cents,
    /** For the organizer and the customer: why no money went back. */
    reason: z.string().min(1),
  }),
});

export const paymentEvents = [
  PaymentSucceeded,
  PaymentFailed,
  PaymentRefunded,
  PaymentRefundRefused,
] as const;
