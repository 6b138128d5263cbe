import { ignore, type HandlerMap } from "@marquee/events/consumer";
import {
  applyHoldConfirmationFailed,
  applyHoldConfirmed,
  applyHoldExpired,
  applyHoldReleased,
  recordHold,
} from "../../app/apply-hold-events";
import {
  applyPaymentFailed,
  applyPaymentRefunded,
  applyPaymentSucceeded,
} from "../../app/apply-payment-events";
import { applyTicketsIssued } from "../../app/apply-ticket-events";

/** Consumer group `ordering.reservations`: the hold projection, expiry and seat confirmation. */
export const inventoryHandlers: HandlerMap<"inventory.reservations"> = {
  "inventory.reservation-created": (event, { tx }) => recordHold(tx, event),
  "inventory.reservation-released": (event, { tx }) => applyHoldReleased(tx, event),
  "inventory.reservation-expired": (event, { tx, log }) => applyHoldExpired(tx, event, log),
  "inventory.reservation-confirmed": (event, { tx, log }) => applyHoldConfirmed(tx, event, log),
  "inventory.reservation-confirmation-failed": (event, { tx, log }) =>
    applyHoldConfirmationFailed(tx, event, log),
};

/** Consumer group `ordering.payments`: paid, declined, refunded. */
export const paymentHandlers: HandlerMap<"payment.payments"> = {
  "payment.payment-succeeded": (event, { tx, log }) => applyPaymentSucceeded(tx, event, log),
  "payment.payment-failed": (event, { tx, log }) => applyPaymentFailed(tx, event, log),
  "payment.payment-refunded": (event, { tx, log }) => applyPaymentRefunded(tx, event, log),
};

/** Consumer group `ordering.tickets`: a confirmed order is fulfilled once its tickets are issued. */
export const ticketHandlers: HandlerMap<"fulfillment.tickets"> = {
  "fulfillment.tickets-issued": (event, { tx, log }) => applyTicketsIssued(tx, event, log),
  // Check-ins change nothing about the order.
  "fulfillment.ticket-checked-in": ignore,
};
