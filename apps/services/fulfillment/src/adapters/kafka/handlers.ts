import { ignore, type HandlerMap } from "@marquee/events/consumer";
import type { FulfillmentDeps } from "../../app/deps";
import { issueTickets } from "../../app/issue-tickets";
import { recordPublishedEvent, recordUpdatedEvent } from "../../app/record-event";
import { voidFailedOrderTickets } from "../../app/void-failed-order-tickets";
import { voidRefundedTickets } from "../../app/void-refunded-tickets";

/** Consumer group `fulfillment.orders`: tickets for confirmed orders. */
export const orderingHandlers = (deps: FulfillmentDeps): HandlerMap<"ordering.orders"> => ({
  "ordering.order-confirmed": async (event, { tx, log }) => {
    await issueTickets(tx, event, { signingKey: deps.signingKey, log, now: deps.now });
  },
  // A confirmed order that failed after all loses its tickets (void-failed-order-tickets.ts).
  "ordering.order-failed": async (event, { tx, log }) => {
    await voidFailedOrderTickets(tx, event, log);
  },
  // Only a confirmed order has tickets; nothing before or besides that concerns fulfillment.
  "ordering.order-placed": ignore,
  "ordering.order-cancelled": ignore,
  "ordering.order-expired": ignore,
  // Tickets are voided once the money is back (payment-refunded), not when it is asked for.
  "ordering.refund-requested": ignore,
});

/**
 * Consumer group `fulfillment.events`: what tickets print about their event, and its
 * cancellation (which voids its tickets).
 */
export const catalogHandlers: HandlerMap<"catalog.events"> = {
  "catalog.event-published": (event, { tx }) => recordPublishedEvent(tx, event),
  "catalog.event-updated": (event, { tx, log }) => recordUpdatedEvent(tx, event, log),
  // Seats reach fulfillment with the confirmed order; the layout is not needed.
  "catalog.seats-generated": ignore,
};

/** Consumer group `fulfillment.payments`: refunded seats' tickets turn void. */
export const paymentHandlers: HandlerMap<"payment.payments"> = {
  "payment.payment-refunded": async (event, { tx, log }) => {
    await voidRefundedTickets(tx, event, log);
  },
  // Tickets follow the confirmed order (ordering.orders), not the payment itself.
  "payment.payment-succeeded": ignore,
  "payment.payment-failed": ignore,
  // No money went back, so the tickets stay valid.
  "payment.refund-refused": ignore,
};
