import { ignore, type HandlerMap } from "@marquee/events/consumer";
import {
  applyHoldConfirmationFailed,
  applyHoldConfirmed,
  applyHoldExpired,
  applyHoldExtended,
  applyHoldReleased,
  recordHold,
} from "../../app/apply-hold-events";
import {
  applyPaymentFailed,
  applyPaymentRefunded,
  applyRefundRefused,
  applyPaymentSucceeded,
} from "../../app/apply-payment-events";
import { applyTicketsIssued } from "../../app/apply-ticket-events";
import { applyEventUpdated, recordEventPublished } from "../../app/cancel-event-orders";

/** Consumer group `ordering.reservations`: the hold projection, expiry and seat confirmation. */
export const inventoryHandlers: HandlerMap<"inventory.reservations"> = {
  "inventory.reservation-created": (event, { tx }) => recordHold(tx, event),
  "inventory.reservation-released": (event, { tx }) => applyHoldReleased(tx, event),
  "inventory.reservation-expired": (event, { tx, log }) => applyHoldExpired(tx, event, log),
  "inventory.reservation-extended": (event, { tx }) => applyHoldExtended(tx, event),
  "inventory.reservation-confirmed": (event, { tx, log }) => applyHoldConfirmed(tx, event, log),
  "inventory.reservation-confirmation-failed": (event, { tx, log }) =>
    applyHoldConfirmationFailed(tx, event, log),
  // Refunded seats put back on sale belong to no order any more; the refund itself was applied.
  "inventory.seats-returned": ignore,
  // An offer is an ordinary hold (its reservation-created came first); the customer adds it to the
  // cart from the email's link, as any hold.
  "inventory.waiting-list-offered": ignore,
};

/**
 * Consumer group `ordering.events`: which events are cancelled; a cancellation refunds every paid
 * order of the event and closes its carts and unpaid orders.
 */
export const catalogHandlers: HandlerMap<"catalog.events"> = {
  "catalog.event-published": (event, { tx }) => recordEventPublished(tx, event),
  "catalog.event-updated": (event, { tx, log }) => applyEventUpdated(tx, event, log),
  // Seats reach ordering with the holds.
  "catalog.seats-generated": ignore,
};

/** Consumer group `ordering.payments`: paid, declined, refunded. */
export const paymentHandlers: HandlerMap<"payment.payments"> = {
  "payment.payment-succeeded": (event, { tx, log }) => applyPaymentSucceeded(tx, event, log),
  "payment.payment-failed": (event, { tx, log }) => applyPaymentFailed(tx, event, log),
  "payment.payment-refunded": (event, { tx, log }) => applyPaymentRefunded(tx, event, log),
  "payment.refund-refused": (event, { tx, log }) => applyRefundRefused(tx, event, log),
};

/** Consumer group `ordering.tickets`: a confirmed order is fulfilled once its tickets are issued. */
export const ticketHandlers: HandlerMap<"fulfillment.tickets"> = {
  "fulfillment.tickets-issued": (event, { tx, log }) => applyTicketsIssued(tx, event, log),
  // Check-ins (and their undoing at the door) change nothing about the order.
  "fulfillment.ticket-checked-in": ignore,
  "fulfillment.ticket-check-in-undone": ignore,
  // A ticket sent to someone else keeps its seat in the same order: nothing about the order changes.
  "fulfillment.ticket-transferred": ignore,
};
