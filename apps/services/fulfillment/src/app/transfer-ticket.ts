import { randomUUID } from "node:crypto";
import { TicketTransferred } from "@marquee/events/contracts/fulfillment";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import { generateShortCode } from "@marquee/tickets/short-code";
import { signTicketCode } from "@marquee/tickets/ticket-code";
import { insertTicket, lockTicketById } from "../adapters/db/ticket-store";
import { voidTicket, type TransferredTicket } from "../adapters/db/transfer-store";
import { ok, type Result } from "@marquee/service/result";
import { refusing, type Refuse } from "@marquee/service/refusal";
import {
  decideTransfer,
  holderAddressOf,
  type TransferCaller,
  type TransferError,
} from "../domain/transfer";
import { TRANSFERRED_REASON } from "../domain/void-reasons";
import type { FulfillmentDeps } from "./deps";

// A clash of two random 45-bit codes is rare enough that needing this many draws means a bug.
const SHORT_CODE_ATTEMPTS = 10;

/** What the sender learns: never the new ticket's codes, which are the recipient's alone. */
export type TicketSent = { ticketId: string; toEmail: string; transferredAt: Date };

/**
 * Sends a ticket to another address. The ticket row is locked, so a transfer, a check-in and
 * another transfer of it happen one after the other; then the old ticket becomes void ("transferred
 * to another holder", which the door says) and its seat gets a new ticket: new id, new signed code,
 * new short code, held by `toEmail`. Both, and ticket-transferred (the two emails), commit together.
 */
export const transferTicket = async (
  deps: FulfillmentDeps,
  input: {
    ticketId: string;
    /** Lower-cased by the caller's input schema. */
    toEmail: string;
    caller: TransferCaller & { name: string | null };
    cause: EventCause;
    /** Tests: a short code source that clashes on purpose. */
    newShortCode?: () => string;
  },
): Promise<Result<TicketSent, TransferError>> => {
  const sent = await refusing((refuse: Refuse<TransferError>) =>
    deps.db.$transaction(async (tx) => {
      const decided = decideTransfer(
        input.caller,
        await lockTicketById(tx, input.ticketId),
        input.toEmail,
      );
      if (!decided.ok) return refuse(decided.error);
      const old = decided.value;
      const transferredAt = deps.now?.() ?? new Date();
      const id = randomUUID();
      const fresh: Omit<TransferredTicket, "shortCode"> = {
        id,
        orderId: old.orderId,
        customerId: old.customerId,
        email: old.email,
        eventId: old.eventId,
        seatId: old.seatId,
        section: old.section,
        row: old.row,
        number: old.number,
        code: signTicketCode(deps.signingKey, { ticketId: id, eventId: old.eventId }),
        issuedAt: transferredAt,
        holderEmail: input.toEmail,
        transferredFromId: old.id,
        generation: old.generation + 1,
      };
      let ticket: TransferredTicket | null = null;
      for (let attempt = 1; attempt <= SHORT_CODE_ATTEMPTS && !ticket; attempt += 1) {
        const candidate = { ...fresh, shortCode: (input.newShortCode ?? generateShortCode)() };
        if (await insertTicket(tx, candidate)) ticket = candidate;
      }
      if (!ticket) throw new Error(`no free short code after ${SHORT_CODE_ATTEMPTS} draws`);
      await voidTicket(tx, old.id, transferredAt, TRANSFERRED_REASON);
      await enqueue(
        tx,
        createEvent(TicketTransferred, {
          key: old.orderId,
          ...input.cause,
          data: {
            orderId: old.orderId,
            eventId: old.eventId,
            fromTicketId: old.id,
            fromCustomerId: input.caller.id,
            fromEmail: holderAddressOf(old),
            ...(input.caller.name ? { fromName: input.caller.name } : {}),
            toEmail: input.toEmail,
            transferredAt: transferredAt.toISOString(),
            ticket: {
              ticketId: ticket.id,
              seatId: ticket.seatId,
              section: ticket.section,
              row: ticket.row,
              number: ticket.number,
              code: ticket.code,
              shortCode: ticket.shortCode,
            },
            ...(old.eventName && old.startsAt && old.timeZone
              ? {
                  event: {
                    name: old.eventName,
                    venueName: old.venueName ?? "",
                    startsAt: old.startsAt.toISOString(),
                    timeZone: old.timeZone,
                  },
                }
              : {}),
          },
        }),
      );
      return { ticketId: old.id, newTicketId: ticket.id, toEmail: input.toEmail, transferredAt };
    }),
  );
  if (!sent.ok) return sent;
  deps.relay.nudge();
  deps.log.info(
    { ticketId: sent.value.ticketId, newTicketId: sent.value.newTicketId },
    "ticket transferred",
  );
  return ok({
    ticketId: sent.value.ticketId,
    toEmail: sent.value.toEmail,
    transferredAt: sent.value.transferredAt,
  });
};
