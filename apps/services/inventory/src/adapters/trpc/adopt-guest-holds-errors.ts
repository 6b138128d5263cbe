import { TRPCError } from "@trpc/server";
import type { AdoptGuestHoldsError } from "../../domain/adopt-guest-holds-rules";

/** A refused take-over of a guest's holds, as a client error naming the field. */
export const adoptErrorToTRPC = (error: AdoptGuestHoldsError): TRPCError => {
  switch (error.kind) {
    case "not-an-account":
      return new TRPCError({
        code: "FORBIDDEN",
        message: "only a signed-in account can take over a guest's holds",
      });
    case "over-customer-cap":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `guestToken: at most ${error.cap} seats per customer for event ${error.eventId}; you hold ${error.held} and the guest's holds have ${error.adding}`,
      });
  }
};
