import { randomUUID } from "node:crypto";
import { TicketsIssued } from "@marquee/events/contracts/fulfillment";
import { causedBy, createEvent } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import { enqueue } from "@marquee/events/outbox";
import type { EventOfType } from "@marquee/events/registry";
import { generateShortCode } from "@marquee/tickets/short-code";
import { signTicketCode } from "@marquee/tickets/ticket-code";
import {
  countTicketsOfOrder,
  findEvent,
  insertTicket,
  lockOrderTickets,
  voidTicketsOfEvent,
  type NewTicket,
  type SqlTx,
} from "../adapters/db/ticket-store";
import { EVENT_CANCELLED_REASON } from "../domain/void-reasons";

// A clash of two random 45-bit codes is rare enough that needing this many draws means a bug.
const SHORT_CODE_ATTEMPTS = 10;

/** Inserts the ticket under a fresh short code, drawing again while the code is taken. */
const insertWithShortCode = async (
  tx: SqlTx,
  ticket: Omit<NewTicket, "shortCode">,
  newShortCode: () => string,
): Promise<NewTicket> => {
  for (let attempt = 1; attempt <= SHORT_CODE_ATTEMPTS; attempt += 1) {
    const withCode = { ...ticket, shortCode: newShortCode() };
    if (await insertTicket(tx, withCode)) return withCode;
  }
  throw new Error(`no free short code after ${SHORT_CODE_ATTEMPTS} draws`);
};

export type IssueOutcome = "issued" | "already-issued";

/**
 * One ticket per seat of a confirmed order, each with its own random id, signed code and short
 * code (unique; drawn again on a clash), and tickets-issued in the same transaction (the
 * consumer's, with its processed mark). A second confirmation of the order (a re-sent event with a
 * new id) finds its tickets and issues nothing. Tickets of an event already cancelled are void.
 */
export const issueTickets = async (
  tx: SqlTx,
  event: EventOfType<"ordering.order-confirmed">,
  opts: {
    signingKey: string;
    log: EventLog;
    now?: () => Date;
    /** Tests: a short code source that clashes on purpose. */
    newShortCode?: () => string;
  },
): Promise<IssueOutcome> => {
  const { orderId, customerId, email, eventId, seats } = event.data;
  await lockOrderTickets(tx, orderId);
  if ((await countTicketsOfOrder(tx, orderId)) > 0) {
    opts.log.info({ orderId }, "tickets already issued for this order");
    return "already-issued";
  }

  const issuedAt = opts.now?.() ?? new Date();
  // One seat appears once even if the event listed it twice.
  const uniqueSeats = [...new Map(seats.map((seat) => [seat.seatId, seat])).values()];
  const tickets: NewTicket[] = [];
  for (const seat of uniqueSeats) {
    const id = randomUUID();
    const ticket = {
      id,
      orderId,
      customerId,
      email,
      eventId,
      seatId: seat.seatId,
      section: seat.section,
      row: seat.row,
      number: seat.number,
      code: signTicketCode(opts.signingKey, { ticketId: id, eventId }),
      issuedAt,
    };
    tickets.push(await insertWithShortCode(tx, ticket, opts.newShortCode ?? generateShortCode));
  }

  const known = await findEvent(tx, eventId);
  if (known?.status === "cancelled") {
    await voidTicketsOfEvent(tx, eventId, issuedAt, EVENT_CANCELLED_REASON);
  }
  await enqueue(
    tx,
    createEvent(TicketsIssued, {
      key: orderId,
      ...causedBy(event),
      data: {
        orderId,
        customerId,
        email,
        eventId,
        tickets: tickets.map((t) => ({
          ticketId: t.id,
          seatId: t.seatId,
          section: t.section,
          row: t.row,
          number: t.number,
          code: t.code,
          shortCode: t.shortCode,
        })),
        ...(known
          ? {
              event: {
                name: known.name,
                venueName: known.venueName ?? "",
                startsAt: known.startsAt.toISOString(),
                timeZone: known.timeZone,
              },
            }
          : {}),
      },
    }),
  );
  if (!known)
    opts.log.warn({ orderId, eventId }, "tickets issued before the event's details arrived");
  opts.log.info({ orderId, tickets: tickets.length }, "tickets issued");
  return "issued";
};
