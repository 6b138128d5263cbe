import type { ServiceCaller } from "@marquee/service/service-client";
import { findOrder, insertPlacedOrder } from "../adapters/db/payment-store";
import { TX_OPTIONS, type PaymentDeps } from "./deps";

/**
 * Makes sure payment knows the order the customer is about to pay. Ordering announces a placed
 * order on Kafka a moment after its checkout answers; a customer who pays at once can be faster.
 * Then payment asks ordering for the order, with the customer's own token (ordering answers only
 * its owner), and records it as order-placed would have, if it is awaiting payment. The event,
 * arriving later, finds it recorded and changes nothing; a cancellation or expiry still closes it.
 * Without an ordering client (ORDERING_URL unset), payment knows orders from Kafka only.
 */
export const readOrderThrough = async (
  deps: PaymentDeps,
  caller: ServiceCaller,
  orderId: string,
): Promise<void> => {
  if (!deps.ordering) return;
  const known = await deps.db.$transaction((tx) => findOrder(tx, orderId), TX_OPTIONS);
  if (known) return;
  const order = await deps.ordering.findMyOrder(caller, orderId);
  if (!order || order.status !== "pending") return;
  await deps.db.$transaction(
    (tx) =>
      insertPlacedOrder(tx, {
        orderId: order.orderId,
        customerId: order.customerId,
        eventId: order.eventId,
        totalCents: order.totalCents,
        currency: order.currency,
        reservationIds: [...new Set(order.items.map((item) => item.reservationId))].sort(),
      }),
    TX_OPTIONS,
  );
};
