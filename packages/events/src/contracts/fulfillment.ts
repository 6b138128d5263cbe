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
  /** What a person types at the door (10 characters, printed `XXXXX-XXXXX`); added compatibly. */
  shortCode: z.string().length(10).optional(),
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

/** Fulfillment → organizer dashboards: a ticket was scanned in at the door (`listId`: on which check-in list; added compatibly). */
export const TicketCheckedIn = defineEvent({
  type: "fulfillment.ticket-checked-in",
  topic: Topics.fulfillmentTickets,
  version: 1,
  data: z.object({
    ticketId: z.uuid(),
    orderId: z.uuid(),
    eventId: z.uuid(),
    checkedInAt: z.iso.datetime({ offset: true }),
    listId: z.uuid().optional(),
  }),
});

/**
 * Fulfillment → organizer dashboards: the door took a check-in back (a wrong scan undone); the
 * ticket is out again and may be admitted anew. Counterpart of ticket-checked-in, so whoever counts
 * those stays right.
 */
export const TicketCheckInUndone = defineEvent({
  type: "fulfillment.ticket-check-in-undone",
  topic: Topics.fulfillmentTickets,
  version: 1,
  data: z.object({
    ticketId: z.uuid(),
    orderId: z.uuid(),
    eventId: z.uuid(),
    listId: z.uuid(),
    /** When the check-in now undone was made. */
    checkedInAt: z.iso.datetime({ offset: true }),
    undoneAt: z.iso.datetime({ offset: true }),
  }),
});

/**
 * Fulfillment → notification (both emails), ordering (ignores it): a ticket's holder sent it to
 * another address. `fromTicketId` is void from now on (the door says it was transferred); `ticket`
 * is the seat's new ticket with new codes, held by `toEmail` (lower-cased), who finds it under
 * "My tickets" once signed in with that address, verified. `fromEmail` is the sender's address.
 */
export const TicketTransferred = defineEvent({
  type: "fulfillment.ticket-transferred",
  topic: Topics.fulfillmentTickets,
  version: 1,
  data: z.object({
    orderId: z.uuid(),
    eventId: z.uuid(),
    fromTicketId: z.uuid(),
    /** The sender's account (or guest) id. */
    fromCustomerId: z.string().min(1),
    fromEmail: z.email(),
    /** The sender's name as their account has it; absent for a guest. */
    fromName: z.string().min(1).optional(),
    toEmail: z.email(),
    transferredAt: z.iso.datetime({ offset: true }),
    ticket: IssuedTicket.required({ shortCode: true }),
    event: TicketedEvent.optional(),
  }),
});

export const fulfillmentEvents = [
  TicketsIssued,
  TicketCheckedIn,
  TicketCheckInUndone,
  TicketTransferred,
] as const;
