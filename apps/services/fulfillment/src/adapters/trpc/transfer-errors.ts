import { TRPCError } from "@trpc/server";
import type { TransferError } from "../../domain/transfer";

/** A refused transfer, told to the holder as it is (the web shows the message in the dialog). */
export const transferErrorToTRPC = (error: TransferError, ticketId: string): TRPCError => {
  switch (error.kind) {
    case "not-holder":
      return new TRPCError({
        code: "NOT_FOUND",
        message: `ticketId: you hold no ticket ${ticketId}`,
      });
    case "already-transferred":
      return new TRPCError({
        code: "CONFLICT",
        message: "This ticket was already sent to someone else; it is no longer yours to transfer",
      });
    case "event-cancelled":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "The event was cancelled; its tickets cannot be transferred",
      });
    case "ticket-void":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `This ticket is void (${error.reason}) and cannot be transferred`,
      });
    case "checked-in":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "This ticket was checked in at the door and cannot be transferred",
      });
    case "to-self":
      return new TRPCError({
        code: "BAD_REQUEST",
        message:
          "toEmail: that is your own address; enter the address of the person you are sending it to",
      });
  }
};
