import { PaymentFailed, PaymentSucceeded } from "@marquee/events/contracts/payment";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import {
  findPayment,
  lockOrder,
  markOrderPaid,
  settlePayment,
  type PaymentRow,
  type SqlTx,
} from "../adapters/db/payment-store";
import type { ChargeOutcome } from "../domain/gateway";
import type { PaymentDeps } from "./deps";

/**
 * Records the gateway's answer on a processing payment: the payment's status, the order paid (if
 * it is still pending), and payment-succeeded or payment-failed in the outbox, in one transaction.
 * Whoever settles first announces it (`settledHere`); a later request or recovery for the same
 * payment finds it settled and gets it as it is, announcing nothing. The order's row is locked first, as when the
 * charge started, so settling never interleaves with another charge's start or with ordering
 * closing the order.
 */
export const settleCharge = async (
  tx: SqlTx,
  deps: Pick<PaymentDeps, "log">,
  payment: PaymentRow,
  outcome: ChargeOutcome,
  cause: EventCause,
  /** Until when inventory pinned the order's holds for this payment; none: not pinned. */
  holdsPinnedUntil?: Date,
): Promise<{ payment: PaymentRow; settledHere: boolean }> => {
  const order = await lockOrder(tx, payment.orderId);
  const settled = await settlePayment(tx, payment.id, {
    status: outcome.status,
    failureReason: outcome.status === "failed" ? outcome.reason : null,
    failureMessage: outcome.status === "failed" ? outcome.message : null,
  });
  if (!settled) {
    const current = await findPayment(tx, payment.id);
    if (!current) throw new Error(`payment ${payment.id} vanished while it was being settled`);
    return { payment: current, settledHere: false };
  }

  const ref = {
    paymentId: settled.id,
    orderId: settled.orderId,
    customerId: settled.customerId,
    amountCents: settled.amountCents,
    currency: settled.currency,
  };
  if (outcome.status === "succeeded") {
    if (!order) throw new Error(`order ${settled.orderId} of payment ${settled.id} is missing`);
    await markOrderPaid(tx, settled.orderId);
    await enqueue(
      tx,
      createEvent(PaymentSucceeded, {
        key: settled.orderId,
        ...cause,
        data: {
          ...ref,
          eventId: order.eventId,
          reservationIds: order.reservationIds,
          ...(holdsPinnedUntil ? { holdsPinnedUntil: holdsPinnedUntil.toISOString() } : {}),
        },
      }),
    );
  } else {
    await enqueue(
      tx,
      createEvent(PaymentFailed, {
        key: settled.orderId,
        ...cause,
        data: { ...ref, reason: outcome.reason, message: outcome.message },
      }),
    );
  }
  deps.log.info(
    {
      paymentId: settled.id,
      orderId: settled.orderId,
      status: outcome.status,
      brand: outcome.brand,
      last4: outcome.last4,
    },
    "charge decided",
  );
  return { payment: settled, settledHere: true };
};
