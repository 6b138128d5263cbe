import { causedBy } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import type { EventOfType } from "@marquee/events/registry";
import {
  confirmHold,
  deleteItem,
  extendHold,
  insertHold,
  listItems,
  lockOrder,
  setHoldStatus,
  setHoldStatusOfOrder,
  updateOrder,
  type SqlTx,
} from "../adapters/db/ordering-store";
import {
  afterHoldConfirmationFailed,
  afterHoldConfirmed,
  afterHoldExpired,
} from "../domain/order-status";
import { sortSeats, totalOf } from "../domain/order-total";
import { changeOrder } from "./change-order";

/** Keeps a new hold, so a cart can take it without asking inventory. */
export const recordHold = async (
  tx: SqlTx,
  { data }: EventOfType<"inventory.reservation-created">,
): Promise<void> => {
  await insertHold(tx, {
    reservationId: data.reservationId,
    customerId: data.customerId,
    eventId: data.eventId,
    currency: data.currency,
    expiresAt: new Date(data.expiresAt),
    status: "active",
    seats: sortSeats(data.seats),
  });
};

/**
 * The customer extended a hold in inventory: its new end is what the cart counts down to (and
 * what checkout checks). A hold that already ended here stays ended.
 */
export const applyHoldExtended = async (
  tx: SqlTx,
  { data }: EventOfType<"inventory.reservation-extended">,
): Promise<void> => {
  await extendHold(tx, data.reservationId, new Date(data.expiresAt));
};

/** Drops a hold from a cart (not the last: a cart that lost every hold keeps it, expired). */
const dropFromCart = async (tx: SqlTx, orderId: string, reservationId: string): Promise<void> => {
  await deleteItem(tx, orderId, reservationId);
  await updateOrder(tx, orderId, { totalCents: totalOf(await listItems(tx, [orderId])) });
};

/** The customer released a hold in inventory directly: it leaves their cart. */
export const applyHoldReleased = async (
  tx: SqlTx,
  event: EventOfType<"inventory.reservation-released">,
): Promise<void> => {
  const { reservationId } = event.data;
  const orderId = await setHoldStatusOfOrder(tx, reservationId, "released");
  if (!orderId) return;
  const order = await lockOrder(tx, orderId);
  if (order?.status === "draft") await dropFromCart(tx, orderId, reservationId);
};

/**
 * A hold ran out. A cart with other holds drops it; a cart with no other hold, and a placed order
 * still awaiting payment, expire (announced as order-expired).
 */
export const applyHoldExpired = async (
  tx: SqlTx,
  event: EventOfType<"inventory.reservation-expired">,
  log: EventLog,
): Promise<void> => {
  const { reservationId } = event.data;
  const orderId = await setHoldStatusOfOrder(tx, reservationId, "expired");
  if (!orderId) return;
  let dropped = false;
  await changeOrder(tx, orderId, causedBy(event), log, (order, items) => {
    const others = items.filter((i) => i.reservationId !== reservationId).length;
    if (order.status === "draft" && others > 0) {
      dropped = true;
      return null;
    }
    return { status: afterHoldExpired(order.status, others) };
  });
  if (dropped) await dropFromCart(tx, orderId, reservationId);
};

/** Inventory sold a hold to the order; once all are sold and the order is paid, it is confirmed. */
export const applyHoldConfirmed = async (
  tx: SqlTx,
  event: EventOfType<"inventory.reservation-confirmed">,
  log: EventLog,
): Promise<void> => {
  const { reservationId } = event.data;
  const orderId = (await confirmHold(tx, reservationId)) ?? event.data.orderId;
  await changeOrder(tx, orderId, causedBy(event), log, (order, items) => {
    const allSold = items.every((i) => i.confirmedAt !== null);
    return { status: afterHoldConfirmed(order.status, allSold) };
  });
};

/** Inventory could not sell a paid hold: the order fails (payment refunds it). */
export const applyHoldConfirmationFailed = async (
  tx: SqlTx,
  event: EventOfType<"inventory.reservation-confirmation-failed">,
  log: EventLog,
): Promise<void> => {
  const { reservationId, orderId, unavailableSeatIds } = event.data;
  await setHoldStatus(tx, reservationId, "confirmation_failed");
  const message =
    unavailableSeatIds.length === 1
      ? "Your hold ran out and the seat went to someone else; your payment is refunded."
      : `Your hold ran out and ${unavailableSeatIds.length} seats went to someone else; your payment is refunded.`;
  await changeOrder(tx, orderId, causedBy(event), log, (order) =>
    // Only a placed order can have been paid for; a cart has nothing to fail.
    order.status === "draft"
      ? null
      : {
          status: afterHoldConfirmationFailed(order.status),
          lastPaymentError: { reason: "seats_unavailable", message },
          failure: event.data.reason,
        },
  );
};
