import { readShortCode } from "@marquee/tickets/short-code";
import { verifyTicketCode, type TicketClaims } from "@marquee/tickets/ticket-code";
import { fail, ok, type Result } from "@marquee/service/result";

export type Seat = { section: string; row: string; number: number };

/** What a desk scanned or typed, once read: a genuine QR payload or a well-formed short code. */
export type ScannedCode =
  { kind: "qr"; claims: TicketClaims } | { kind: "short-code"; shortCode: string };

/** Why a scan did not admit anyone. */
export type CheckInError =
  | { kind: "invalid-code" }
  | { kind: "typo" }
  | { kind: "unknown-ticket" }
  | {
      kind: "other-event";
      /** The ticket's event as fulfillment knows it; null while its details have not arrived. */
      event: { name: string; startsAt: Date; timeZone: string } | null;
    }
  | { kind: "event-cancelled"; eventName: string }
  | { kind: "ticket-void"; reason: string }
  | { kind: "other-gate"; seat: Seat; listSections: string[] }
  | {
      kind: "already-checked-in";
      seat: Seat;
      checkedInAt: Date;
      /** The event's zone, to show the time as the door's clock reads it. */
      timeZone: string;
      /** The list the ticket came in on; null for a check-in from before check-in lists. */
      listName: string | null;
    };

/**
 * Reads a scanned or typed code without any lookup: a short code (any case, spaces and hyphens
 * ignored) whose check character fails is a typo; otherwise it must be a QR payload signed with
 * our key.
 */
export const readScannedCode = (
  signingKey: string,
  input: string,
): Result<ScannedCode, Extract<CheckInError, { kind: "invalid-code" | "typo" }>> => {
  const short = readShortCode(input);
  if (short.kind === "short-code") return ok({ kind: "short-code", shortCode: short.code });
  if (short.kind === "typo") return fail({ kind: "typo" });
  const claims = verifyTicketCode(signingKey, input);
  return claims ? ok({ kind: "qr", claims }) : fail({ kind: "invalid-code" });
};

/** The desk's list: which event, which sections (empty: all). */
export type DoorList = { eventId: string; sections: string[] };

type ScannedTicket = Seat & {
  id: string;
  eventId: string;
  eventName: string | null;
  startsAt: Date | null;
  timeZone: string | null;
  eventStatus: string | null;
  voidReason: string | null;
  checkedInAt: Date | null;
  checkedInListName: string | null;
};

/**
 * Decides a scan at a desk, in the order the door staff need to hear it: no such ticket (or a QR
 * whose event is not the ticket's), another event's ticket (naming it), a cancelled event, a void
 * ticket, a seat that enters elsewhere, a ticket already in (when and where); else admitted.
 */
export const decideCheckIn = <T extends ScannedTicket>(
  code: ScannedCode,
  list: DoorList,
  ticket: T | null,
): Result<T, CheckInError> => {
  if (
    !ticket ||
    (code.kind === "qr" &&
      (ticket.id !== code.claims.ticketId || ticket.eventId !== code.claims.eventId))
  ) {
    return fail({ kind: "unknown-ticket" });
  }
  const { section, row, number } = ticket;
  if (ticket.eventId !== list.eventId) {
    const { eventName, startsAt, timeZone } = ticket;
    return fail({
      kind: "other-event",
      event:
        eventName && startsAt ? { name: eventName, startsAt, timeZone: timeZone ?? "UTC" } : null,
    });
  }
  if (ticket.eventStatus === "cancelled") {
    return fail({ kind: "event-cancelled", eventName: ticket.eventName ?? "This event" });
  }
  if (ticket.voidReason !== null) return fail({ kind: "ticket-void", reason: ticket.voidReason });
  if (list.sections.length > 0 && !list.sections.includes(section)) {
    return fail({
      kind: "other-gate",
      seat: { section, row, number },
      listSections: list.sections,
    });
  }
  if (ticket.checkedInAt) {
    return fail({
      kind: "already-checked-in",
      seat: { section, row, number },
      checkedInAt: ticket.checkedInAt,
      timeZone: ticket.timeZone ?? "UTC",
      listName: ticket.checkedInListName,
    });
  }
  return ok(ticket);
};
