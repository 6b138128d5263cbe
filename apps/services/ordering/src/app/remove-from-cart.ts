import type { ServiceCaller } from "@marquee/service/service-client";
import {
  deleteItem,
  findOrder,
  listItems,
  lockOrder,
  setHoldStatus,
  updateOrder,
} from "../adapters/db/ordering-store";
import type { OrderError } from "../domain/errors";
import { totalOf } from "../domain/order-total";
import { fail, ok, type Result } from "@marquee/service/result";
import { refusing, type Refuse } from "@marquee/service/refusal";
import { TX_OPTIONS, type OrderingDeps } from "./deps";
import { reloadView } from "./load-orders";
import type { OrderView } from "./order-view";

export type RemoveFromCartInput = {
  customerId: string;
  /** The caller's token and request, for the release in inventory. */
  caller: ServiceCaller;
  orderId: string;
  reservationId: string;
};

/**
 * Takes a hold out of the caller's cart and gives it back to inventory, so the seats are free for
 * others at once. Inventory is asked first: if it cannot be reached, the cart stays as it was.
 * A hold inventory no longer counts as the caller's (expired, sold) just leaves the cart.
 */
export const removeFromCart = async (
  deps: OrderingDeps,
  input: RemoveFromCartInput,
): Promise<Result<OrderView, OrderError>> => {
  const { orderId, reservationId } = input;
  const order = await findOrder(deps.db, orderId);
  if (!order || order.customerId !== input.customerId) {
    return fail({ kind: "order-not-found", orderId });
  }
  if (order.status !== "draft") {
    return fail({ kind: "order-not-in-status", orderId, status: order.status, action: "changed" });
  }
  const items = await listItems(deps.db, [orderId]);
  if (!items.some((item) => item.reservationId === reservationId)) {
    return fail({ kind: "item-not-found", orderId, reservationId });
  }

  const released = await deps.inventory.release(input.caller, reservationId);

  const removed = await refusing((refuse: Refuse<OrderError>) =>
    deps.db.$transaction(async (tx) => {
      const locked = await lockOrder(tx, orderId);
      if (!locked) return refuse({ kind: "order-not-found", orderId });
      if (locked.status !== "draft") {
        return refuse({
          kind: "order-not-in-status",
          orderId,
          status: locked.status,
          action: "changed",
        });
      }
      await deleteItem(tx, orderId, reservationId);
      if (released === "released") await setHoldStatus(tx, reservationId, "released");
      await updateOrder(tx, orderId, { totalCents: totalOf(await listItems(tx, [orderId])) });
    }, TX_OPTIONS),
  );
  if (!removed.ok) return removed;
  return ok(await reloadView(deps.db, orderId));
};
