import { TRPCError } from "@trpc/server";
import type { GateError } from "../../app/check-sale-gate";
import type { StatsError } from "../../app/get-waiting-room-stats";
import type { JoinError } from "../../app/join-waiting-room";

/** The hold gate's refusals: the sales window names its instant, admission names what is wrong. */
export const gateErrorToTRPC = (error: GateError): TRPCError => {
  switch (error.kind) {
    case "sales-not-open":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `Sales for this event open at ${error.opensAt.toISOString()}`,
      });
    case "sales-closed":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `Sales for this event closed at ${error.closedAt.toISOString()}`,
      });
    case "admission-missing":
      return new TRPCError({
        code: "FORBIDDEN",
        message:
          "admission: missing; this event has a waiting room, join it and wait to be admitted before holding seats",
      });
    case "admission-forged":
      return new TRPCError({
        code: "FORBIDDEN",
        message: "admission: forged or malformed; it was not issued by this waiting room",
      });
    case "admission-expired":
      return new TRPCError({
        code: "FORBIDDEN",
        message: `admission: expired at ${error.expiredAt.toISOString()}; the shopping window is over`,
      });
    case "admission-other-event":
      return new TRPCError({
        code: "FORBIDDEN",
        message: "admission: issued for another event",
      });
    case "admission-other-visitor":
      return new TRPCError({
        code: "FORBIDDEN",
        message: "admission: issued to another visitor",
      });
  }
};

export const joinErrorToTRPC = (error: JoinError): TRPCError => {
  switch (error.kind) {
    case "bad-proof":
      return new TRPCError({ code: "BAD_REQUEST", message: error.reason });
    case "queue-not-open":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `The waiting room for this event opens at ${error.queueOpensAt.toISOString()}`,
      });
  }
};

export const statsErrorToTRPC = (error: StatsError): TRPCError =>
  new TRPCError({
    code: "PRECONDITION_FAILED",
    message: `eventId: event ${error.eventId} has no waiting room`,
  });
