import type { EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import { listItems, lockOrder, updateOrder } from "../adapters/db/ordering-store";
import type { OrderError } from "../domain/errors";
import { totalOf } from "../domain/order-total";
import { ok, type Result } from "@marquee/service/result";
import { refusing, type Refuse } from "@marquee/service/refusal";
import { TX_OPTIONS, type OrderingDeps } from "./deps";
import { reloadView } from "./load-orders";
import { orderPlaced } from "./order-events";
import type { OrderView } from "./order-view";
import { isEventCancelled } from "./request-refund";

export type CheckoutInput = {
  customerId: string;
  /** From the verified token: where confirmation and tickets go. */
  email: string;
  orderId: string;
  cause: EventCause;
};

/**
 * Turns the caller's cart into a pending order with its final total and announces order-placed,
 * in one transaction. Every hold must still be live and the event not cancelled. Checking out an order that is already
 * placed and awaiting payment (pending, or its card declined) answers it again and places nothing:
 * a double-submitted form places one order, and the web places the cart each time the customer pays.
 */
export const checkoutOrder = async (
  deps: OrderingDeps,
  input: CheckoutInput,
): Promise<Result<OrderView, OrderError>> => {
  const { orderId } = input;
  const placed = await refusing((refuse: Refuse<OrderError>) =>
    deps.db.$transaction(async (tx) => {
      const order = await lockOrder(tx, orderId);
      if (!order || order.customerId !== input.customerId) {
        return refuse({ kind: "order-not-found", orderId });
      }
      if (order.status === "pending" || order.status === "payment_failed") return false;
      if (order.status !== "draft") {
        return refuse({
          kind: "order-not-in-status",
          orderId,
          status: order.status,
          action: "checked out",
        });
      }
      // A cancelled event sells nothing more (its holds are being released as well).
      if (await isEventCancelled(tx, order.eventId)) {
        return refuse({ kind: "event-cancelled", orderId, eventId: order.eventId });
      }
      const items = await listItems(tx, [orderId]);
      if (items.length === 0) return refuse({ kind: "cart-empty", orderId });
      const now = deps.now?.() ?? new Date();
      const lapsed = items.find((i) => i.status !== "active" || new Date(i.expiresAt) <= now);
      if (lapsed) {
        return refuse({ kind: "hold-expired", orderId, reservationId: lapsed.reservationId });
      }
      const totalCents = totalOf(items);
      await updateOrder(tx, orderId, {
        status: "pending",
        email: input.email,
        totalCents,
        placed: true,
      });
      await enqueue(
        tx,
        orderPlaced(
          { ...order, status: "pending", email: input.email, totalCents },
          items,
          input.cause,
        ),
      );
      return true;
    }, TX_OPTIONS),
  );
  if (!placed.ok) return placed;
  if (placed.value) deps.relay.nudge();
  return ok(await reloadView(deps.db, orderId));
};
