import { ignore, type HandlerMap } from "@marquee/events/consumer";
import type { FulfillmentDeps } from "../../app/deps";
import { issueTickets } from "../../app/issue-tickets";
import { recordPublishedEvent, recordUpdatedEvent } from "../../app/record-event";

/** Consumer group `fulfillment.orders`: tickets for confirmed orders. */
export const orderingHandlers = (deps: FulfillmentDeps): HandlerMap<"ordering.orders"> => ({
  "ordering.order-confirmed": async (event, { tx, log }) => {
    await issueTickets(tx, event, { signingKey: deps.signingKey, log, now: deps.now });
  },
  // Only a confirmed order has tickets; nothing before or besides that concerns fulfillment.
  "ordering.order-placed": ignore,
  "ordering.order-cancelled": ignore,
  "ordering.order-expired": ignore,
  "ordering.order-failed": ignore,
});

/** Consumer group `fulfillment.events`: what tickets print about their event. */
export const catalogHandlers: HandlerMap<"catalog.events"> = {
  "catalog.event-published": (event, { tx }) => recordPublishedEvent(tx, event),
  "catalog.event-updated": (event, { tx }) => recordUpdatedEvent(tx, event),
  // Seats reach fulfillment with the confirmed order; the layout is not needed.
  "catalog.seats-generated": ignore,
};
