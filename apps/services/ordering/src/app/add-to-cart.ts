import { randomUUID } from "node:crypto";
import type { ServiceCaller } from "@marquee/service/service-client";
import {
  findAwaitingPayment,
  insertHold,
  insertItem,
  listItems,
  lockHold,
  lockOrCreateDraft,
  findHold,
  orderIdOfHold,
  updateOrder,
  type HoldRow,
} from "../adapters/db/ordering-store";
import type { OrderError } from "../domain/errors";
import { sortSeats, totalOf } from "../domain/order-total";
import { fail, ok, type Result } from "@marquee/service/result";
import { refusing, type Refuse } from "@marquee/service/refusal";
import { TX_OPTIONS, type OrderingDeps } from "./deps";
import { reloadView } from "./load-orders";
import type { OrderView } from "./order-view";

export type AddToCartInput = {
  customerId: string;
  email: string;
  /** The caller's token and request, for the read-through to inventory. */
  caller: ServiceCaller;
  reservationId: string;
};

/**
 * Puts one of the caller's live holds into their cart for its event, opening the cart if needed.
 * A hold ordering has not heard of yet (reservation-created still on its way) is read from
 * inventory with the caller's token and recorded, so a cart works right after `reserve`.
 * Adding a hold that is already in the cart answers the cart again. A customer has one open order
 * per event: while checkout's order waits for payment, no second cart is opened beside it.
 */
export const addToCart = async (
  deps: OrderingDeps,
  input: AddToCartInput,
): Promise<Result<OrderView, OrderError>> => {
  const { reservationId, customerId } = input;
  let hold = await findHold(deps.db, reservationId);
  if (!hold) {
    const remote = await deps.inventory.findMyHold(input.caller, reservationId);
    if (!remote) return fail({ kind: "reservation-not-found", reservationId });
    const fetched: HoldRow = {
      reservationId,
      customerId,
      eventId: remote.eventId,
      currency: remote.currency,
      expiresAt: new Date(remote.expiresAt),
      status: remote.status,
      seats: sortSeats(remote.seats),
    };
    await insertHold(deps.db, fetched);
    hold = fetched;
  }
  // Someone else's hold is reported as not found: its existence is none of the caller's business.
  if (hold.customerId !== customerId) return fail({ kind: "reservation-not-found", reservationId });

  const added = await refusing((refuse: Refuse<OrderError>) =>
    deps.db.$transaction(async (tx) => {
      const locked = await lockHold(tx, reservationId);
      if (!locked) return refuse({ kind: "reservation-not-found", reservationId });
      const now = deps.now?.() ?? new Date();
      if (locked.status !== "active" || new Date(locked.expiresAt) <= now) {
        const status = locked.status === "active" ? "expired" : locked.status;
        return refuse({ kind: "reservation-not-active", reservationId, status });
      }
      const placed = await findAwaitingPayment(tx, customerId, locked.eventId);
      if (placed) return refuse({ kind: "order-awaiting-payment", orderId: placed.id });
      const draft = await lockOrCreateDraft(tx, {
        id: randomUUID(),
        customerId,
        email: input.email,
        eventId: locked.eventId,
        currency: locked.currency,
      });
      if (draft.currency !== locked.currency) {
        return refuse({
          kind: "currency-mismatch",
          reservationId,
          expected: draft.currency,
          given: locked.currency,
        });
      }
      if (!(await insertItem(tx, draft.id, reservationId))) {
        const owner = await orderIdOfHold(tx, reservationId);
        if (owner !== draft.id) {
          return refuse({
            kind: "reservation-in-other-order",
            reservationId,
            orderId: owner ?? "unknown",
          });
        }
      }
      await updateOrder(tx, draft.id, { totalCents: totalOf(await listItems(tx, [draft.id])) });
      return draft.id;
    }, TX_OPTIONS),
  );
  if (!added.ok) return added;
  return ok(await reloadView(deps.db, added.value));
};
