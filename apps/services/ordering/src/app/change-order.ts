import type { EventCause } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import { enqueue } from "@marquee/events/outbox";
import {
  listItems,
  lockOrder,
  updateOrder,
  type ItemRow,
  type OrderRow,
  type SqlTx,
} from "../adapters/db/ordering-store";
import type { OrderStatus } from "../domain/order-status";
import { orderConfirmed, orderExpired, orderFailed } from "./order-events";

/** What an event does to an order: a new status, a payment error to show, a failure to announce. */
export type OrderEffect = {
  status: OrderStatus | null;
  lastPaymentError?: { reason: string; message: string };
  /** Set when the order failed after payment; announced once as order-failed. */
  failure?: string;
};

/**
 * Applies an event to one order under its row lock, inside the consumer's transaction: decides
 * from the current status and holds, writes the change and enqueues what it announces
 * (order-confirmed, order-expired, order-failed), all or nothing.
 */
export const changeOrder = async (
  tx: SqlTx,
  orderId: string,
  cause: EventCause,
  log: EventLog,
  decide: (order: OrderRow, items: ItemRow[]) => OrderEffect | null,
): Promise<void> => {
  const order = await lockOrder(tx, orderId);
  if (!order) {
    log.info({ orderId }, "event for an order ordering does not have; nothing to change");
    return;
  }
  const items = await listItems(tx, [orderId]);
  const effect = decide(order, items);
  if (!effect) return;
  const failedNow = effect.failure !== undefined && order.failedAt === null;
  if (effect.status === null && !effect.lastPaymentError && !failedNow) return;

  await updateOrder(tx, orderId, {
    ...(effect.status ? { status: effect.status } : {}),
    ...(effect.lastPaymentError ? { lastPaymentError: effect.lastPaymentError } : {}),
    ...(failedNow ? { failed: true } : {}),
  });
  const entered = effect.status !== null && effect.status !== order.status ? effect.status : null;
  if (entered === "confirmed") {
    await enqueue(tx, orderConfirmed(order, items, cause));
  }
  if (entered === "expired") await enqueue(tx, orderExpired(order, cause));
  if (failedNow && effect.failure) await enqueue(tx, orderFailed(order, effect.failure, cause));
  log.info({ orderId, from: order.status, to: effect.status ?? order.status }, "order changed");
};
