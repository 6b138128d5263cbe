import { causedBy } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import type { EventOfType } from "@marquee/events/registry";
import type { SqlTx } from "../adapters/db/ordering-store";
import {
  afterPaymentFailed,
  afterPaymentRefunded,
  afterPaymentSucceeded,
} from "../domain/order-status";
import { changeOrder } from "./change-order";

/** The order is paid; confirmed at once if inventory has already sold every hold. */
export const applyPaymentSucceeded = (
  tx: SqlTx,
  event: EventOfType<"payment.payment-succeeded">,
  log: EventLog,
): Promise<void> =>
  changeOrder(tx, event.data.orderId, causedBy(event), log, (order, items) => ({
    status: afterPaymentSucceeded(
      order.status,
      items.every((i) => i.confirmedAt !== null),
    ),
  }));

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

export const applyPaymentRefunded = (
  tx: SqlTx,
  event: EventOfType<"payment.payment-refunded">,
  log: EventLog,
): Promise<void> =>
  changeOrder(tx, event.data.orderId, causedBy(event), log, (order) => ({
    status: afterPaymentRefunded(order.status),
  }));
