import type { OrderStatus } from "./order-status";
import type { RefundSeatsError } from "./refund-seats";

/** Why a cart or order request was refused; the tRPC adapter maps each kind to a status code. */
export type OrderError =
  | { kind: "reservation-not-found"; reservationId: string }
  | { kind: "reservation-not-active"; reservationId: string; status: string }
  | { kind: "reservation-in-other-order"; reservationId: string; orderId: string }
  | { kind: "currency-mismatch"; reservationId: string; expected: string; given: string }
  | { kind: "order-not-found"; orderId: string }
  | { kind: "order-awaiting-payment"; orderId: string }
  | { kind: "not-an-account" }
  | { kind: "item-not-found"; orderId: string; reservationId: string }
  | { kind: "order-not-in-status"; orderId: string; status: OrderStatus; action: string }
  | { kind: "cart-empty"; orderId: string }
  | { kind: "hold-expired"; orderId: string; reservationId: string }
  | { kind: "event-cancelled"; orderId: string; eventId: string }
  | { kind: "inventory-unavailable" }
  | { kind: "invalid-cursor" }
  | ({ orderId: string } & RefundSeatsError)
  | { kind: "cancellation-not-allowed"; orderId: string }
  | {
      kind: "cancellation-deadline-passed";
      orderId: string;
      /** ISO instant, and the same in the venue's time zone. */
      deadline: string;
      deadlineLocal: string;
      timeZone: string;
    }
  | { kind: "cancellation-fee-takes-all"; orderId: string; feeCents: number };
