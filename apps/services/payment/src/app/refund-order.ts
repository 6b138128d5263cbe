import { randomUUID } from "node:crypto";
import { PaymentRefunded } from "@marquee/events/contracts/payment";
import { causedBy, createEvent } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import { enqueue } from "@marquee/events/outbox";
import type { EventOfType } from "@marquee/events/registry";
import {
  insertRefundOnce,
  lockSucceededPaymentOfOrder,
  type SqlTx,
} from "../adapters/db/payment-store";
import { confirmationFailedReason } from "../domain/refund-reason";

export type RefundOutcome = "refunded" | "already-refunded" | "no-payment" | "nothing-charged";

/**
 * Inventory could not sell seats an order paid for: give the money back, once. The refund row and
 * payment-refunded are written in the caller's transaction (the consumer's, with its processed
 * mark). A second failure for the same order (another of its reservations, or a re-sent event
 * with a new id) finds the refund through the unique payment_id and writes nothing.
 */
export const refundFailedConfirmation = async (
  tx: SqlTx,
  event: EventOfType<"inventory.reservation-confirmation-failed">,
  log: EventLog,
  now: () => Date = () => new Date(),
): Promise<RefundOutcome> => {
  const { orderId, reservationId, unavailableSeatIds } = event.data;
  const payment = await lockSucceededPaymentOfOrder(tx, orderId);
  if (!payment) {
    log.info(
      { orderId, reservationId },
      "confirmation failed for an order without a payment; nothing to refund",
    );
    return "no-payment";
  }
  if (payment.amountCents === 0) {
    // A free order took no money; refund.amount_cents must be positive.
    log.info(
      { orderId, paymentId: payment.id },
      "confirmation failed for a free order; nothing to refund",
    );
    return "nothing-charged";
  }

  const refundId = randomUUID();
  const reason = confirmationFailedReason(unavailableSeatIds, event.data.reason);
  const written = await insertRefundOnce(tx, {
    id: refundId,
    paymentId: payment.id,
    amountCents: payment.amountCents,
    reason,
    createdAt: now(),
  });
  if (!written) {
    log.info({ orderId, paymentId: payment.id, reservationId }, "payment already refunded");
    return "already-refunded";
  }

  await enqueue(
    tx,
    createEvent(PaymentRefunded, {
      key: orderId,
      ...causedBy(event),
      data: {
        paymentId: payment.id,
        orderId,
        customerId: payment.customerId,
        amountCents: payment.amountCents,
        currency: payment.currency,
        refundId,
        reason,
      },
    }),
  );
  log.info(
    { orderId, paymentId: payment.id, refundId, amountCents: payment.amountCents },
    "payment refunded",
  );
  return "refunded";
};
