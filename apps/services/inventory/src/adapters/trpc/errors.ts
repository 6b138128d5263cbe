import { TRPCError } from "@trpc/server";
import type { ReleaseError, ReserveError } from "../../domain/errors";

/** Expected refusals become client errors naming the problem; nothing here is ever a 500. */
export const reserveErrorToTRPC = (error: ReserveError): TRPCError => {
  switch (error.kind) {
    case "seat-taken":
      return new TRPCError({ code: "CONFLICT", message: `seat ${error.label} is already taken` });
    case "no-seats":
      return new TRPCError({ code: "BAD_REQUEST", message: "seatIds: choose at least one seat" });
    case "too-many-seats":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `seatIds: at most ${error.limit} seats per hold, got ${error.requested}`,
      });
    case "duplicate-seat":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `seatIds: seat ${error.seatId} is listed twice`,
      });
    case "unknown-seat":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `seatIds: unknown seat ${error.seatId}`,
      });
    case "seat-of-other-event":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `seatIds: seat ${error.seatId} is not a seat of event ${error.eventId}`,
      });
    case "over-customer-cap":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `seatIds: at most ${error.limit} seats per customer for this event; you hold ${error.alreadyHeld} and asked for ${error.requested}`,
      });
    case "event-cancelled":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `eventId: event ${error.eventId} is cancelled; its seats are not on sale`,
      });
  }
};

export const releaseErrorToTRPC = (error: ReleaseError): TRPCError => {
  switch (error.kind) {
    case "reservation-not-found":
      return new TRPCError({
        code: "NOT_FOUND",
        message: `reservationId: no reservation ${error.reservationId} of yours`,
      });
    case "reservation-closed":
      return new TRPCError({
        code: "CONFLICT",
        message: `reservation ${error.reservationId} is already ${error.status}`,
      });
  }
};
