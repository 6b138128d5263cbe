import type { TicketClaims } from "@marquee/tickets/ticket-code";
import { fail, ok, type Result } from "./result";

/** Why a scan did not admit anyone. */
export type CheckInError =
  | { kind: "invalid-code" }
  | { kind: "unknown-ticket"; ticketId: string }
  | {
      kind: "already-checked-in";
      seat: { section: string; row: string; number: number };
      checkedInAt: Date;
    };

type ScannedTicket = {
  id: string;
  eventId: string;
  section: string;
  row: string;
  number: number;
  checkedInAt: Date | null;
};

/**
 * Decides a scan: a code that fails verification is invalid; a genuine code for a ticket we do not
 * hold (or for another event than the ticket's) is unknown; a ticket already in is refused with the
 * time it came in; anything else is admitted.
 */
export const decideCheckIn = <T extends ScannedTicket>(
  claims: TicketClaims | null,
  ticket: T | null,
): Result<T, CheckInError> => {
  if (!claims) return fail({ kind: "invalid-code" });
  if (!ticket || ticket.id !== claims.ticketId || ticket.eventId !== claims.eventId) {
    return fail({ kind: "unknown-ticket", ticketId: claims.ticketId });
  }
  if (ticket.checkedInAt) {
    const { section, row, number } = ticket;
    return fail({
      kind: "already-checked-in",
      seat: { section, row, number },
      checkedInAt: ticket.checkedInAt,
    });
  }
  return ok(ticket);
};
