import { causedBy } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import type { EventOfType } from "@marquee/events/registry";
import { lockOrder, type SqlTx } from "../adapters/db/ordering-store";
import {
  markRefundRequestRefunded,
  markRefundRequestRefused,
  recordRefundedTotal,
} from "../adapters/db/refund-store";
import {
  afterPaymentFailed,
  afterPaymentRefunded,
  afterPaymentSucceeded,
} from "../domain/order-status";
import { changeOrder } from "./change-order";
import { isEventCancelled, requestEventCancelledRefund } from "./request-refund";

/**
 * The order is paid; confirmed at once if inventory has already sold every hold, or if payment
 * pinned them all before charging (`holdsPinnedUntil`): a pinned hold neither expires nor is
 * released until this payment settles, so inventory sells it on this same event and waiting for
 * its reservation-confirmed would only cost a hop. A payment that lands after its event was
 * cancelled (it was in flight while the cancellation closed the order) is refunded in full straight
 * away, like every other order of the event.
 */
export const applyPaymentSucceeded = async (
  tx: SqlTx,
  event: EventOfType<"payment.payment-succeeded">,
  log: EventLog,
): Promise<void> => {
  await changeOrder(tx, event.data.orderId, causedBy(event), log, (order, items) => ({
    status: afterPaymentSucceeded(
      order.status,
      event.data.holdsPinnedUntil !== undefined || items.every((i) => i.confirmedAt !== null),
    ),
  }));
  if (!(await isEventCancelled(tx, event.data.eventId))) return;
  const order = await lockOrder(tx, event.data.orderId);
  if (order && (await requestEventCancelledRefund(tx, order, causedBy(event)))) {
    log.info({ orderId: order.id }, "payment for a cancelled event: refund requested");
  }
};

/** A declined card: shown on the order, which can be paid again while its holds live. */
export const applyPaymentFailed = (
  tx: SqlTx,
  event: EventOfType<"payment.payment-failed">,
  log: EventLog,
): Promise<void> =>
  changeOrder(tx, event.data.orderId, causedBy(event), log, (order) => {
    const status = afterPaymentFailed(order.status);
    if (status === null) return null;
    return { status, lastPaymentError: { reason: event.data.reason, message: event.data.message } };
  });

/**
 * Payment gave money back: the request it answers is marked refunded (the organizer's progress
 * counts these), the order's refunded total follows payment's, and the order is `refunded` once
 * everything it paid is back. A refund of some seats leaves it as it was. Older refunds carry no
 * totals: they were always the whole payment.
 */
export const applyPaymentRefunded = async (
  tx: SqlTx,
  event: EventOfType<"payment.payment-refunded">,
  log: EventLog,
): Promise<void> => {
  const { data } = event;
  const refundedTotal = data.refundedTotalCents ?? data.amountCents;
  const paid = data.paymentAmountCents ?? data.amountCents;
  if (data.requestId) {
    await markRefundRequestRefunded(tx, data.requestId, {
      refundId: data.refundId,
      amountCents: data.amountCents,
    });
  }
  await recordRefundedTotal(tx, data.orderId, refundedTotal);
  await changeOrder(tx, data.orderId, causedBy(event), log, (order) => ({
    status: refundedTotal >= paid ? afterPaymentRefunded(order.status) : null,
  }));
};

/**
 * Payment will not make a refund ordering asked for: the request is answered as refused with
 * payment's reason (the organizer's progress counts it as answered; its seats may be asked for
 * again). The order keeps its status: no money moved.
 */
export const applyRefundRefused = async (
  tx: SqlTx,
  event: EventOfType<"payment.refund-refused">,
  log: EventLog,
): Promise<void> => {
  await markRefundRequestRefused(tx, event.data.requestId, event.data.reason);
  log.warn(
    { orderId: event.data.orderId, requestId: event.data.requestId, reason: event.data.reason },
    "refund refused by payment",
  );
};
