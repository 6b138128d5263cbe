import { causedBy, type EventCause } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import { enqueue } from "@marquee/events/outbox";
import type { EventOfType } from "@marquee/events/registry";
import { listItems, lockOrder, updateOrder, type SqlTx } from "../adapters/db/ordering-store";
import {
  listOrderIdsOfEvent,
  upsertEventState,
  upsertEventTerms,
  type EventTerms,
} from "../adapters/db/refund-store";
import type { OrderStatus } from "../domain/order-status";
import { orderCancelled } from "./order-events";
import { requestEventCancelledRefund } from "./request-refund";

/** Money was taken and may not all be back: a cancelled event refunds whatever is left. */
const HAS_MONEY: readonly OrderStatus[] = ["paid", "confirmed", "fulfilled"];
/** Carts and unpaid orders: closed, their holds given back to inventory. */
const OPEN: readonly OrderStatus[] = ["draft", "pending", "payment_failed"];

export type CancellationApplied = { refundsRequested: number; ordersClosed: number };

/**
 * Catalog cancelled an event: the process manager's first step, in the consumer's transaction.
 * Every order with money asks payment for a full refund (one request per order, its id derived
 * from the order, so applying this again asks nothing new); every cart and unpaid order is
 * cancelled, announcing order-cancelled with its live holds for inventory to release. What
 * follows is driven by events: payment-refunded marks each request answered (the organizer's
 * progress), fulfillment voids the tickets, notification writes once per order. A payment that
 * lands after this is refunded when it arrives (apply-payment-events.ts).
 */
export const cancelEventOrders = async (
  tx: SqlTx,
  eventId: string,
  cause: EventCause,
  log: EventLog,
): Promise<CancellationApplied> => {
  await upsertEventState(tx, eventId, "cancelled");
  let refundsRequested = 0;
  let ordersClosed = 0;
  // Each order is decided on its locked row, not on the list's snapshot: a payment applied by
  // another consumer while this runs can turn an unpaid order into a paid one, which must be
  // refunded (that consumer, holding the order first, did not yet see the cancellation).
  for (const orderId of await listOrderIdsOfEvent(tx, eventId, [...HAS_MONEY, ...OPEN])) {
    const order = await lockOrder(tx, orderId);
    if (!order) continue;
    if (HAS_MONEY.includes(order.status)) {
      if (await requestEventCancelledRefund(tx, order, cause)) refundsRequested += 1;
      continue;
    }
    if (!OPEN.includes(order.status)) continue;
    const live = (await listItems(tx, [orderId]))
      .filter((item) => item.status === "active")
      .map((item) => item.reservationId);
    await updateOrder(tx, orderId, { status: "cancelled" });
    await enqueue(tx, orderCancelled(order, live, cause));
    ordersClosed += 1;
  }
  log.info({ eventId, refundsRequested, ordersClosed }, "event cancelled: refunds requested");
  return { refundsRequested, ordersClosed };
};

/** Consumer group `ordering.events`: an event's status, and its cancellation. */
export const applyEventUpdated = async (
  tx: SqlTx,
  event: EventOfType<"catalog.event-updated">,
  log: EventLog,
): Promise<void> => {
  if (event.data.status === "cancelled") {
    await cancelEventOrders(tx, event.data.eventId, causedBy(event), log);
    return;
  }
  await upsertEventTerms(tx, event.data.eventId, event.data.status, termsOf(event.data));
};

/** Ordering keeps the start, time zone and cancellation policy: buyers cancel against them. */
const termsOf = (data: {
  startsAt: string;
  timeZone: string;
  cancellation: EventTerms["cancellation"];
}): EventTerms => ({
  startsAt: new Date(data.startsAt),
  timeZone: data.timeZone,
  cancellation: data.cancellation,
});

export const recordEventPublished = (
  tx: SqlTx,
  event: EventOfType<"catalog.event-published">,
): Promise<void> => upsertEventTerms(tx, event.data.eventId, "published", termsOf(event.data));
