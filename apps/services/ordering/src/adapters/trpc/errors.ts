import { TRPCError } from "@trpc/server";
import type { OrderError } from "../../domain/errors";

/** Expected refusals become client errors naming the field or the problem; never a 500. */
export const orderErrorToTRPC = (error: OrderError): TRPCError => {
  switch (error.kind) {
    case "reservation-not-found":
      return new TRPCError({
        code: "NOT_FOUND",
        message: `reservationId: no hold ${error.reservationId} of yours`,
      });
    case "reservation-not-active":
      return new TRPCError({
        code: "CONFLICT",
        message: `reservationId: hold ${error.reservationId} is ${error.status}; hold the seats again`,
      });
    case "reservation-in-other-order":
      return new TRPCError({
        code: "CONFLICT",
        message: `reservationId: hold ${error.reservationId} already belongs to order ${error.orderId}`,
      });
    case "currency-mismatch":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `reservationId: hold ${error.reservationId} is priced in ${error.given}, the cart in ${error.expected}`,
      });
    case "order-not-found":
      return new TRPCError({ code: "NOT_FOUND", message: `orderId: no order ${error.orderId}` });
    case "order-awaiting-payment":
      return new TRPCError({
        code: "CONFLICT",
        message: `orderId: order ${error.orderId} for this event is waiting for payment; pay for it or cancel it before adding seats`,
      });
    case "not-an-account":
      return new TRPCError({
        code: "FORBIDDEN",
        message: "only a signed-in account can take over a guest's cart",
      });
    case "item-not-found":
      return new TRPCError({
        code: "NOT_FOUND",
        message: `reservationId: hold ${error.reservationId} is not in order ${error.orderId}`,
      });
    case "order-not-in-status":
      return new TRPCError({
        code: "CONFLICT",
        message: `orderId: order ${error.orderId} is ${error.status} and cannot be ${error.action}`,
      });
    case "cart-empty":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `orderId: order ${error.orderId} has no seats to check out`,
      });
    case "hold-expired":
      return new TRPCError({
        code: "CONFLICT",
        message: `orderId: the hold ${error.reservationId} in order ${error.orderId} has run out; remove it and hold the seats again`,
      });
    case "event-cancelled":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `orderId: the event of order ${error.orderId} was cancelled; its tickets can no longer be bought`,
      });
    case "inventory-unavailable":
      return new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "cannot reach inventory right now; try again",
      });
    case "invalid-cursor":
      return new TRPCError({ code: "BAD_REQUEST", message: "cursor: not a cursor from myOrders" });
    case "seat-not-in-order":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `seatIds: seat ${error.seatId} is not in order ${error.orderId}`,
      });
    case "seat-already-refunded":
      return new TRPCError({
        code: "CONFLICT",
        message: `seatIds: seat ${error.seatId} of order ${error.orderId} is already refunded`,
      });
    case "nothing-to-refund":
      return new TRPCError({
        code: "CONFLICT",
        message: `orderId: every seat of order ${error.orderId} is already refunded`,
      });
    case "cancellation-not-allowed":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `orderId: the event of order ${error.orderId} does not allow cancellations`,
      });
    case "cancellation-deadline-passed":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `orderId: cancellations closed at ${error.deadlineLocal} (${error.timeZone}, ${error.deadline})`,
      });
    case "cancellation-fee-takes-all":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `seatIds: the cancellation fee (${error.feeCents} cents) takes the whole price; nothing would be refunded`,
      });
  }
};
