/** Why a reserve request was refused; the tRPC adapter maps each kind to a status code. */
export type ReserveError =
  | { kind: "no-seats" }
  | { kind: "too-many-seats"; requested: number; limit: number }
  | { kind: "duplicate-seat"; seatId: string }
  | { kind: "unknown-seat"; seatId: string }
  | { kind: "seat-of-other-event"; seatId: string; eventId: string }
  | { kind: "seat-taken"; seatId: string; label: string }
  | { kind: "over-customer-cap"; limit: number; alreadyHeld: number; requested: number }
  | { kind: "event-cancelled"; eventId: string };

/** Why a release was refused. A reservation of someone else is reported as not found. */
export type ReleaseError =
  | { kind: "reservation-not-found"; reservationId: string }
  | { kind: "reservation-closed"; reservationId: string; status: "expired" | "confirmed" };
