import { randomUUID } from "node:crypto";
import { fail, ok, type Result } from "@marquee/service/result";
import { refusing, type Refuse } from "@marquee/service/refusal";
import {
  deleteEmptyDraft,
  lockDraftsOf,
  moveItems,
  reassignActiveHolds,
} from "../adapters/db/guest-cart-store";
import {
  findAwaitingPayment,
  listItems,
  lockOrCreateDraft,
  updateOrder,
} from "../adapters/db/ordering-store";
import type { OrderError } from "../domain/errors";
import { totalOf } from "../domain/order-total";
import { TX_OPTIONS, type OrderingDeps } from "./deps";
import { reloadView } from "./load-orders";
import type { OrderView } from "./order-view";

export type AdoptGuestCartInput = {
  /** The signed-in account taking the cart over. */
  account: { id: string; email: string; role: string };
  /** The guest the same browser shopped as, from its verified guest token. */
  guestId: string;
};

/**
 * A guest who signs in keeps their cart: after inventory gave the guest's holds to the account
 * (`adoptGuestHolds`), each of the guest's carts joins the account's cart for that event (made if
 * there is none), in one transaction, and ordering's copy of the holds follows. One open order per
 * event still holds: an account with an order awaiting payment for the event is refused, naming
 * it, and nothing moves. Run again, it finds no guest cart and answers an empty list.
 */
export const adoptGuestCart = async (
  deps: OrderingDeps,
  input: AdoptGuestCartInput,
): Promise<Result<OrderView[], OrderError>> => {
  const { account, guestId } = input;
  if (account.role !== "customer") return fail({ kind: "not-an-account" });
  const moved = await refusing((refuse: Refuse<OrderError>) =>
    deps.db.$transaction(async (tx) => {
      const carts: string[] = [];
      for (const guestCart of await lockDraftsOf(tx, guestId)) {
        const placed = await findAwaitingPayment(tx, account.id, guestCart.eventId);
        if (placed) return refuse({ kind: "order-awaiting-payment", orderId: placed.id });
        const cart = await lockOrCreateDraft(tx, {
          id: randomUUID(),
          customerId: account.id,
          email: account.email,
          eventId: guestCart.eventId,
          currency: guestCart.currency,
        });
        await moveItems(tx, guestCart.id, cart.id);
        await deleteEmptyDraft(tx, guestCart.id);
        await updateOrder(tx, cart.id, { totalCents: totalOf(await listItems(tx, [cart.id])) });
        carts.push(cart.id);
      }
      await reassignActiveHolds(tx, guestId, account.id);
      return carts;
    }, TX_OPTIONS),
  );
  if (!moved.ok) return moved;
  return ok(await Promise.all(moved.value.map((id) => reloadView(deps.db, id))));
};
