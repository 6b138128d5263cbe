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
  }),
});

/** Payment → ordering: the card was refused; the customer may retry while the holds live. */
export const PaymentFailed = defineEvent({
  type: "payment.payment-failed",
  topic: Topics.paymentPayments,
  version: 1,
  data: z.object({
    ...PaymentRef,
    reason: z.enum(["card_declined", "insufficient_funds", "invalid_card", "processing_error"]),
    message: z.string().min(1),
  }),
});

/** Payment → ordering, notification: money went back to the customer. */
export const PaymentRefunded = defineEvent({
  type: "payment.payment-refunded",
  topic: Topics.paymentPayments,
  version: 1,
  data: z.object({ ...PaymentRef, refundId: z.uuid(), reason: z.string().min(1) }),
});

export const paymentEvents = [PaymentSucceeded, PaymentFailed, PaymentRefunded] as const;
