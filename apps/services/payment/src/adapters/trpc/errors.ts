import { TRPCError } from "@trpc/server";
import type { PayError } from "../../domain/errors";

/** Expected refusals become client errors naming the problem; nothing here is ever a 500. */
export const payErrorToTRPC = (error: PayError): TRPCError => {
  switch (error.kind) {
    case "invalid-card":
      return new TRPCError({ code: "BAD_REQUEST", message: error.message });
    case "order-not-found":
      return new TRPCError({
        code: "NOT_FOUND",
        message: `orderId: no order ${error.orderId} of yours awaits payment`,
      });
    case "order-not-payable":
      return new TRPCError({
        code: "CONFLICT",
        message: `order ${error.orderId} is ${error.status} and cannot be paid`,
      });
    case "payment-in-progress":
      return new TRPCError({
        code: "CONFLICT",
        message: `order ${error.orderId} has a payment waiting for the card's answer; retry with that payment's idempotencyKey to get it`,
      });
    case "amount-mismatch":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `amountCents: the order's total is ${error.expectedCents}, not ${error.givenCents}`,
      });
    case "idempotency-conflict":
      return new TRPCError({
        code: "CONFLICT",
        message: `idempotencyKey: ${error.idempotencyKey} was already used for a different request; use a new key`,
      });
  }
};
