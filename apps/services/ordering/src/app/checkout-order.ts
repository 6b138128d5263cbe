import type { EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import { listItems, lockOrder, updateOrder } from "../adapters/db/ordering-store";
import type { OrderError } from "../domain/errors";
import { totalOf } from "../domain/order-total";
import { fail, ok, type Result } from "../domain/result";
import { TX_OPTIONS, type OrderingDeps } from "./deps";
import { reloadView } from "./load-orders";
import { orderPlaced } from "./order-events";
import type { OrderView } from "./order-view";
import { Refused } from "./refused";

export type CheckoutInput = {
  customerId: string;
  /** From the verified token: where confirmation and tickets go. */
  email: string;
  orderId: string;
  cause: EventCause;
};

/**
 * Turns the caller's cart into a pending order with its final total and announces order-placed,
 * in one transaction. Every hold must still be live. Checking out an order that is already
 * pending answers it again (a double-submitted form places one order).
 */
export const checkoutOrder = async (
  deps: OrderingDeps,
  input: CheckoutInput,
): Promise<Result<OrderView, OrderError>> => {
  const { orderId } = input;
  try {
    const placed = await deps.db.$transaction(async (tx) => {
      const order = await lockOrder(tx, orderId);
      if (!order || order.customerId !== input.customerId) {
        throw new Refused({ kind: "order-not-found", orderId });
      }
      if (order.status === "pending") return false;
      if (order.status !== "draft") {
        throw new Refused({
          kind: "order-not-in-status",
          orderId,
          status: order.status,
          action: "checked out",
        });
      }
      const items = await listItems(tx, [orderId]);
      if (items.length === 0) throw new Refused({ kind: "cart-empty", orderId });
      const now = deps.now?.() ?? new Date();
      const lapsed = items.find((i) => i.status !== "active" || new Date(i.expiresAt) <= now);
      if (lapsed) {
        throw new Refused({ kind: "hold-expired", orderId, reservationId: lapsed.reservationId });
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
    }, TX_OPTIONS);
    if (placed) deps.relay.nudge();
  } catch (error) {
    if (error instanceof Refused) return fail(error.error);
    throw error;
  }
  return ok(await reloadView(deps.db, orderId));
};
