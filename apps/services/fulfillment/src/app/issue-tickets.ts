import { randomUUID } from "node:crypto";
import { TicketsIssued } from "@marquee/events/contracts/fulfillment";
import { causedBy, createEvent } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import { enqueue } from "@marquee/events/outbox";
import type { EventOfType } from "@marquee/events/registry";
import { signTicketCode } from "@marquee/tickets/ticket-code";
import {
  countTicketsOfOrder,
  findEvent,
  insertTickets,
  lockOrderTickets,
  type SqlTx,
} from "../adapters/db/ticket-store";

export type IssueOutcome = "issued" | "already-issued";

/**
 * One ticket per seat of a confirmed order, each with its own random id and signed code, and
 * tickets-issued in the same transaction (the consumer's, with its processed mark). A second
 * confirmation of the order (a re-sent event with a new id) finds its tickets and issues nothing.
 */
export const issueTickets = async (
  tx: SqlTx,
  event: EventOfType<"ordering.order-confirmed">,
  opts: { signingKey: string; log: EventLog; now?: () => Date },
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
  const tickets = uniqueSeats.map((seat) => {
    const id = randomUUID();
    return {
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
  });
  await insertTickets(tx, tickets);

  const known = await findEvent(tx, eventId);
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
