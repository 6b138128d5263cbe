import { TicketCheckedIn } from "@marquee/events/contracts/fulfillment";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import { verifyTicketCode } from "@marquee/tickets/ticket-code";
import { lockTicket, markCheckedIn, type TicketWithEventRow } from "../adapters/db/ticket-store";
import { decideCheckIn, type CheckInError } from "../domain/check-in";
import { fail, ok, type Result } from "../domain/result";
import type { FulfillmentDeps } from "./deps";

export type CheckedIn = { ticket: TicketWithEventRow; checkedInAt: Date };

class ScanRefused extends Error {
  constructor(readonly error: CheckInError) {
    super(error.kind);
  }
}

/**
 * Admits a ticket once. The code is verified before any lookup, so forged codes cost nothing;
 * the ticket row is locked, so two scanners at two doors cannot both admit it. The check-in and
 * ticket-checked-in commit together.
 */
export const checkInTicket = async (
  deps: FulfillmentDeps,
  input: { code: string; scannedBy: string; cause: EventCause },
): Promise<Result<CheckedIn, CheckInError>> => {
  const claims = verifyTicketCode(deps.signingKey, input.code);
  if (!claims) return fail({ kind: "invalid-code" });
  try {
    const result = await deps.db.$transaction(async (tx) => {
      const decided = decideCheckIn(claims, await lockTicket(tx, claims.ticketId));
      if (!decided.ok) throw new ScanRefused(decided.error);
      const ticket = decided.value;
      const checkedInAt = deps.now?.() ?? new Date();
      await markCheckedIn(tx, ticket.id, checkedInAt, input.scannedBy);
      await enqueue(
        tx,
        createEvent(TicketCheckedIn, {
          key: ticket.orderId,
          ...input.cause,
          data: {
            ticketId: ticket.id,
            orderId: ticket.orderId,
            eventId: ticket.eventId,
            checkedInAt: checkedInAt.toISOString(),
          },
        }),
      );
      return { ticket: { ...ticket, checkedInAt, checkedInBy: input.scannedBy }, checkedInAt };
    });
    deps.relay.nudge();
    deps.log.info(
      { ticketId: result.ticket.id, orderId: result.ticket.orderId },
      "ticket checked in",
    );
    return ok(result);
  } catch (error) {
    if (error instanceof ScanRefused) return fail(error.error);
    throw error;
  }
};
