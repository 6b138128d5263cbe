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

/** Fulfillment → notification, ordering: one ticket per seat of a confirmed order. */
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
