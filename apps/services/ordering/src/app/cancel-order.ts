import type { EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import type { AuthUser } from "@marquee/service/auth";
import { listItems, lockOrder, updateOrder } from "../adapters/db/ordering-store";
import type { OrderError } from "../domain/errors";
import { isCancellable } from "../domain/order-status";
import { ok, type Result } from "@marquee/service/result";
import { refusing, type Refuse } from "@marquee/service/refusal";
import { TX_OPTIONS, type OrderingDeps } from "./deps";
import { reloadView } from "./load-orders";
import { orderCancelled } from "./order-events";
import type { OrderView } from "./order-view";

/**
 * Cancels a cart or an unpaid order and announces order-cancelled with its live holds; inventory
 * releases them. Its owner or an admin may. Cancelling a cancelled order answers it again.
 */
export const cancelOrder = async (
  deps: OrderingDeps,
  input: { user: AuthUser; orderId: string; cause: EventCause },
): Promise<Result<OrderView, OrderError>> => {
  const { orderId, user } = input;
  const cancelled = await refusing((refuse: Refuse<OrderError>) =>
    deps.db.$transaction(async (tx) => {
      const order = await lockOrder(tx, orderId);
      if (!order || (order.customerId !== user.id && user.role !== "admin")) {
        return refuse({ kind: "order-not-found", orderId });
      }
      if (order.status === "cancelled") return false;
      if (!isCancellable(order.status)) {
        return refuse({
          kind: "order-not-in-status",
          orderId,
          status: order.status,
          action: "cancelled",
        });
      }
      const live = (await listItems(tx, [orderId]))
        .filter((item) => item.status === "active")
        .map((item) => item.reservationId);
      await updateOrder(tx, orderId, { status: "cancelled" });
      await enqueue(tx, orderCancelled(order, live, input.cause));
      return true;
    }, TX_OPTIONS),
  );
  if (!cancelled.ok) return cancelled;
  if (cancelled.value) deps.relay.nudge();
  return ok(await reloadView(deps.db, orderId));
};
