import { fail, ok, type Result } from "@marquee/service/result";
import { EVENT_CANCELLED_REASON, TRANSFERRED_REASON } from "./void-reasons";

/** Who asks to send a ticket on: their account id and their address (from their token). */
export type TransferCaller = {
  id: string;
  /** Lower-cased. */
  email: string;
  /** The token says the address is proven (identity's `emailVerified`). */
  emailVerified: boolean;
};

/** What deciding a transfer needs to know of the ticket. */
export type TransferableTicket = {
  customerId: string;
  /** The order's address, the holder's while the ticket was never transferred. */
  email: string;
  holderEmail: string | null;
  eventStatus: string | null;
  checkedInAt: Date | null;
  voidReason: string | null;
};

/** Why a ticket cannot be sent on. */
export type TransferError =
  | { kind: "not-holder" }
  | { kind: "already-transferred" }
  | { kind: "event-cancelled" }
  | { kind: "ticket-void"; reason: string }
  | { kind: "checked-in" }
  | { kind: "to-self" };

/** The address a ticket's holder goes by: a transferred ticket's holder, else the order's. */
export const holderAddressOf = (
  ticket: Pick<TransferableTicket, "email" | "holderEmail">,
): string => ticket.holderEmail ?? ticket.email.toLowerCase();

/**
 * Does this caller hold the ticket: the order's customer while it was never transferred, else
 * whoever proved the address it was transferred to. Also true of a ticket the caller already sent
 * on (its row still names them), so they hear "already transferred" rather than "not yours".
 */
export const holdsTicket = (caller: TransferCaller, ticket: TransferableTicket): boolean =>
  ticket.holderEmail === null
    ? ticket.customerId === caller.id
    : caller.emailVerified && ticket.holderEmail === caller.email;

/**
 * Decides a transfer, in the order the holder needs to hear it: not theirs (or no such ticket:
 * the same answer, so nobody learns which ids exist), already sent on, a cancelled event, a void
 * ticket (with why), a ticket already used at the door, an address that is their own.
 */
export const decideTransfer = <T extends TransferableTicket>(
  caller: TransferCaller,
  ticket: T | null,
  toEmail: string,
): Result<T, TransferError> => {
  if (!ticket || !holdsTicket(caller, ticket)) return fail({ kind: "not-holder" });
  if (ticket.voidReason === TRANSFERRED_REASON) return fail({ kind: "already-transferred" });
  if (ticket.eventStatus === "cancelled" || ticket.voidReason === EVENT_CANCELLED_REASON) {
    return fail({ kind: "event-cancelled" });
  }
  if (ticket.voidReason !== null) return fail({ kind: "ticket-void", reason: ticket.voidReason });
  if (ticket.checkedInAt !== null) return fail({ kind: "checked-in" });
  if (toEmail === holderAddressOf(ticket) || toEmail === caller.email) {
    return fail({ kind: "to-self" });
  }
  return ok(ticket);
};
