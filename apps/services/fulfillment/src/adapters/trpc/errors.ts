import { formatEventDate, formatLocalTime } from "@marquee/tickets/event-time";
import { seatLabel } from "@marquee/tickets/seat-label";
import { TRPCError } from "@trpc/server";
import type { CreateCheckInListError } from "../../app/create-check-in-list";
import type { UndoCheckInError } from "../../app/undo-last-check-in";
import type { CheckInError } from "../../domain/check-in";

/** A refused scan is an answer for the door staff, shown as it is (in red): never a 500. */
export const checkInErrorToTRPC = (error: CheckInError): TRPCError => {
  switch (error.kind) {
    case "invalid-code":
      return new TRPCError({ code: "BAD_REQUEST", message: "Not a Marquee ticket code" });
    case "typo":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: "That code has a typo — check it and try again",
      });
    case "unknown-ticket":
      return new TRPCError({ code: "NOT_FOUND", message: "No ticket with this code" });
    case "other-event": {
      const { event } = error;
      const which = event
        ? `${event.name} on ${formatEventDate(event.startsAt.toISOString(), event.timeZone)}`
        : "another event (its details have not arrived yet)";
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `This ticket is for ${which}, not this event`,
      });
    }
    case "event-cancelled":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `${error.eventName} was cancelled; this ticket is void`,
      });
    case "ticket-void":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `Ticket void: ${error.reason}`,
      });
    case "other-gate":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `${seatLabel(error.seat)} enters through another gate (this desk: ${error.listSections.join(", ")})`,
      });
    case "already-checked-in": {
      const at = formatLocalTime(error.checkedInAt.toISOString(), error.timeZone);
      const where = error.listName === null ? "" : ` (${error.listName})`;
      return new TRPCError({
        code: "CONFLICT",
        message: `Already checked in at ${at}${where} — ${seatLabel(error.seat)}`,
      });
    }
  }
};

export const createCheckInListErrorToTRPC = (error: CreateCheckInListError): TRPCError => {
  switch (error.kind) {
    case "unknown-event":
      return new TRPCError({
        code: "NOT_FOUND",
        message: `eventId: event ${error.eventId} is not known to ticketing yet (is it published?)`,
      });
  }
};

export const undoCheckInErrorToTRPC = (error: UndoCheckInError): TRPCError => {
  switch (error.kind) {
    case "nothing-to-undo":
      return new TRPCError({ code: "NOT_FOUND", message: "Nothing to undo on this list" });
  }
};

/** A list id that names no list. */
export const unknownCheckInList = (listId: string): TRPCError =>
  new TRPCError({ code: "NOT_FOUND", message: `listId: no check-in list ${listId}` });
