import { z } from "zod";
import { defineEvent } from "../define-event";
import { Topics } from "../topics";

const IssuedTicket = z.object({
  ticketId: z.uuid(),
  seatId: z.uuid(),
  section: z.string().min(1),
  row: z.string().min(1),
  number: z.number().int().positive(),
  code: z.string().min(1),
});

/** What the tickets print about their event, from fulfillment's projection of catalog.events. */
const TicketedEvent = z.object({
  name: z.string().min(1),
  venueName: z.string(),
  startsAt: z.iso.datetime({ offset: true }),
  timeZone: z.string().min(1),
});

/**
 * Fulfillment → notification, ordering: one ticket per seat of a confirmed order. `event` (added
 * compatibly, so optional) carries the event's details when fulfillment knows them, so the email
 * can render the same tickets without asking anyone.
 */
export const TicketsIssued = defineEvent({
  type: "fulfillment.tickets-issued",
  topic: Topics.fulfillmentTickets,
  version: 1,
  data: z.object({
    orderId: z.uuid(),
    customerId: z.string().min(1),
    email: z.email(),
    eventId: z.uuid(),
    tickets: z.array(IssuedTicket).min(1),
    event: TicketedEvent.optional(),
  }),
});

/** Fulfillment → organizer dashboards: a ticket was scanned in at the door. */
export const TicketCheckedIn = defineEvent({
  type: "fulfillment.ticket-checked-in",
  topic: Topics.fulfillmentTickets,
  version: 1,
  data: z.object({
    ticketId: z.uuid(),
    orderId: z.uuid(),
    eventId: z.uuid(),
    checkedInAt: z.iso.datetime({ offset: true }),
  }),
});

export const fulfillmentEvents = [TicketsIssued, TicketCheckedIn] as const;
