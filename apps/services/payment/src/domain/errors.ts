import type { CardError } from "./card";

/** Why a pay request was refused; the tRPC adapter maps each kind to a status code. */
export type PayError =
  | CardError
  | { kind: "order-not-found"; orderId: string }
  | { kind: "order-not-payable"; orderId: string; status: "paid" | "cancelled" | "expired" }
  | { kind: "payment-in-progress"; orderId: string }
  | { kind: "amount-mismatch"; orderId: string; expectedCents: number; givenCents: number }
  | { kind: "idempotency-conflict"; idempotencyKey: string };
