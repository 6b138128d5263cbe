import { TRPCError } from "@trpc/server";
import type { CatalogError } from "../../domain/errors";

/** Expected refusals become client errors naming the field or the problem; never a 500. */
export const catalogErrorToTRPC = (error: CatalogError): TRPCError => {
  switch (error.kind) {
    case "event-not-found":
      return new TRPCError({ code: "NOT_FOUND", message: `eventId: no event ${error.eventId}` });
    case "venue-not-found":
      return new TRPCError({ code: "BAD_REQUEST", message: `venueId: no venue ${error.venueId}` });
    case "layout-missing":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `layout: event ${error.eventId} has no seat layout yet; generate one before publishing`,
      });
    case "layout-exists":
      return new TRPCError({
        code: "CONFLICT",
        message: `layout: event ${error.eventId} already has a seat layout`,
      });
    case "event-cancelled":
      return new TRPCError({ code: "CONFLICT", message: `event ${error.eventId} is cancelled` });
    case "not-draft":
      return new TRPCError({
        code: "CONFLICT",
        message: `layout: event ${error.eventId} is ${error.status}; layouts are generated for drafts`,
      });
    case "invalid-sales-settings":
      return new TRPCError({ code: "BAD_REQUEST", message: `${error.field}: ${error.message}` });
    case "invalid-time":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `${error.field}: ${error.value} is not a date and time`,
      });
  }
};
