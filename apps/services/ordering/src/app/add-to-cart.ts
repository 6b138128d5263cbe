import { randomUUID } from "node:crypto";
import {
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
import { fail, ok, type Result } from "../domain/result";
import { TX_OPTIONS, type OrderingDeps } from "./deps";
import { reloadView } from "./load-orders";
import { Refused } from "./refused";
import type { OrderView } from "./order-view";

export type AddToCartInput = {
  customerId: string;
  email: string;
  /** The caller's bearer token, for the read-through to inventory. */
  token: string;
  reservationId: string;
};

/**
 * Puts one of the caller's live holds into their cart for its event, opening the cart if needed.
 * A hold ordering has not heard of yet (reservation-created still on its way) is read from
 * inventory with the caller's token and recorded, so a cart works right after `reserve`.
 * Adding a hold that is already in the cart answers the cart again.
 */
export const addToCart = async (
  deps: OrderingDeps,
  input: AddToCartInput,
): Promise<Result<OrderView, OrderError>> => {
  const { reservationId, customerId } = input;
  let hold = await findHold(deps.db, reservationId);
  if (!hold) {
    const remote = await deps.inventory.findMyHold(input.token, reservationId);
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

  try {
    const orderId = await deps.db.$transaction(async (tx) => {
      const locked = await lockHold(tx, reservationId);
      if (!locked) throw new Refused({ kind: "reservation-not-found", reservationId });
      const now = deps.now?.() ?? new Date();
      if (locked.status !== "active" || new Date(locked.expiresAt) <= now) {
        const status = locked.status === "active" ? "expired" : locked.status;
        throw new Refused({ kind: "reservation-not-active", reservationId, status });
      }
      const draft = await lockOrCreateDraft(tx, {
        id: randomUUID(),
        customerId,
        email: input.email,
        eventId: locked.eventId,
        currency: locked.currency,
      });
      if (draft.currency !== locked.currency) {
        throw new Refused({
          kind: "currency-mismatch",
          reservationId,
          expected: draft.currency,
          given: locked.currency,
        });
      }
      if (!(await insertItem(tx, draft.id, reservationId))) {
        const owner = await orderIdOfHold(tx, reservationId);
        if (owner !== draft.id) {
          throw new Refused({
            kind: "reservation-in-other-order",
            reservationId,
            orderId: owner ?? "unknown",
          });
        }
      }
      await updateOrder(tx, draft.id, { totalCents: totalOf(await listItems(tx, [draft.id])) });
      return draft.id;
    }, TX_OPTIONS);
    return ok(await reloadView(deps.db, orderId));
  } catch (error) {
    if (error instanceof Refused) return fail(error.error);
    throw error;
  }
};
