import { TRPCError } from "@trpc/server";
import type { CheckInError } from "../../domain/check-in";

/** A refused scan is an answer for the door staff, never a 500. */
export const checkInErrorToTRPC = (error: CheckInError): TRPCError => {
  switch (error.kind) {
    case "invalid-code":
      return new TRPCError({ code: "BAD_REQUEST", message: "ticket code is not valid" });
    case "unknown-ticket":
      return new TRPCError({ code: "NOT_FOUND", message: `code: no ticket ${error.ticketId}` });
    case "already-checked-in": {
      const { section, row, number } = error.seat;
      return new TRPCError({
        code: "CONFLICT",
        message: `ticket ${section}/${row}/${number} already checked in at ${error.checkedInAt.toISOString()}`,
      });
    }
  }
};
