import type { OrderStatus } from "./order-status";

/** Why a cart or order request was refused; the tRPC adapter maps each kind to a status code. */
export type OrderError =
  | { kind: "reservation-not-found"; reservationId: string }
  | { kind: "reservation-not-active"; reservationId: string; status: string }
  | { kind: "reservation-in-other-order"; reservationId: string; orderId: string }
  | { kind: "currency-mismatch"; reservationId: string; expected: string; given: string }
  | { kind: "order-not-found"; orderId: string }
  | { kind: "item-not-found"; orderId: string; reservationId: string }
  | { kind: "order-not-in-status"; orderId: string; status: OrderStatus; action: string }
  | { kind: "cart-empty"; orderId: string }
  | { kind: "hold-expired"; orderId: string; reservationId: string }
  | { kind: "inventory-unavailable" }
  | { kind: "invalid-cursor" };
