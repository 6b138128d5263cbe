import { TRPCError } from "@trpc/server";
import type { JoinWaitingListError, LeaveWaitingListError } from "../../domain/errors";

const seats = (n: number) => (n === 1 ? "1 seat" : `${n} seats`);

/** Expected refusals of the waiting list become client errors naming the problem; never a 500. */
export const joinWaitingListErrorToTRPC = (error: JoinWaitingListError): TRPCError => {
  switch (error.kind) {
    case "guest":
      return new TRPCError({
        code: "FORBIDDEN",
        message:
          "Sign in with an account to join the waiting list: an offer may come days later, by email, and only that account can buy it",
      });
    case "already-on-list":
      return new TRPCError({
        code: "CONFLICT",
        message:
          error.entry.status === "offered"
            ? "You already have seats offered from this waiting list; buy them or let the offer pass before joining again"
            : `You are already on the waiting list for this event (${seats(error.entry.quantity)}, number ${error.entry.position ?? "?"} in line)`,
      });
    case "unknown-event":
      return new TRPCError({
        code: "NOT_FOUND",
        message: `eventId: event ${error.eventId} has no seats on sale`,
      });
    case "unknown-section":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `section: this event has no section called ${JSON.stringify(error.section)}`,
      });
    case "event-cancelled":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `eventId: event ${error.eventId} is cancelled; it has no waiting list`,
      });
    case "seats-free":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message:
          error.section === null
            ? `eventId: ${seats(error.free)} of this event ${error.free === 1 ? "is" : "are"} still free; hold ${error.free === 1 ? "it" : "them"} instead of joining the waiting list`
            : `section: ${seats(error.free)} in ${error.section} ${error.free === 1 ? "is" : "are"} still free; hold ${error.free === 1 ? "it" : "them"} instead of joining the waiting list`,
      });
  }
};

export const leaveWaitingListErrorToTRPC = (error: LeaveWaitingListError): TRPCError => {
  switch (error.kind) {
    case "not-on-list":
      return new TRPCError({
        code: "NOT_FOUND",
        message: `eventId: you are not on the waiting list for event ${error.eventId}`,
      });
    case "offer-on-hold":
      return new TRPCError({
        code: "CONFLICT",
        message: `Seats are already on hold for you (${error.reservationId}); buy them or release the hold instead`,
      });
  }
};
