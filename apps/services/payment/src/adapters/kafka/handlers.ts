import { ignore, type HandlerMap } from "@marquee/events/consumer";
import { closeOrder, recordPlacedOrder } from "../../app/record-order";
import { refundFailedConfirmation, refundRequested } from "../../app/refund-order";

/** Consumer group `payment.orders`: the order projection that decides what may be charged. */
export const orderingHandlers: HandlerMap<"ordering.orders"> = {
  "ordering.order-placed": (event, { tx }) => recordPlacedOrder(tx, event),
  "ordering.order-cancelled": async (event, { tx, log }) => {
    const closed = await closeOrder(tx, event.data.orderId, "cancelled");
    log.info({ orderId: event.data.orderId, closed }, "order cancelled");
  },
  "ordering.order-expired": async (event, { tx, log }) => {
    const closed = await closeOrder(tx, event.data.orderId, "expired");
    log.info({ orderId: event.data.orderId, closed }, "order expired");
  },
  // Confirmation follows our own payment-succeeded; the order is already `paid` here.
  "ordering.order-confirmed": ignore,
  // The refund for an order that failed after payment is driven by inventory's
  // reservation-confirmation-failed (below), not by this event.
  "ordering.order-failed": ignore,
  // An organizer's refund, a customer's cancellation or a cancelled event: once per request id.
  "ordering.refund-requested": async (event, { tx, log }) => {
    await refundRequested(tx, event, log);
  },
};

/** Consumer group `payment.reservations`: refunds for paid seats inventory could not sell. */
export const inventoryHandlers: HandlerMap<"inventory.reservations"> = {
  "inventory.reservation-confirmation-failed": async (event, { tx, log }) => {
    await refundFailedConfirmation(tx, event, log);
  },
  // Holds, releases, expiries and sales change no money; the order projection follows ordering.
  "inventory.reservation-created": ignore,
  "inventory.reservation-released": ignore,
  "inventory.reservation-expired": ignore,
  "inventory.reservation-confirmed": ignore,
  "inventory.reservation-extended": ignore,
  // Follows a refund payment made itself.
  "inventory.seats-returned": ignore,
  // An offer is a hold, and holds change no money.
  "inventory.waiting-list-offered": ignore,
};
