import type { BestAvailableRefusal } from "./best-available";

/** Why a reserve request was refused; the tRPC adapter maps each kind to a status code. */
export type ReserveError =
  | { kind: "no-seats" }
  | { kind: "too-many-seats"; requested: number; limit: number }
  | { kind: "duplicate-seat"; seatId: string }
  | { kind: "unknown-seat"; seatId: string }
  | { kind: "seat-of-other-event"; seatId: string; eventId: string }
  | { kind: "seat-taken"; seatId: string; label: string }
  | { kind: "over-customer-cap"; limit: number; alreadyHeld: number; requested: number }
  | { kind: "event-cancelled"; eventId: string }
  /** The seats came back while customers wait for them: they are offered to the waiting list. */
  | { kind: "kept-for-waiting-list"; eventId: string };

/**
 * Why a best-available request was refused: the choosing rule's refusals, a crowd that kept
 * winning every block this buyer tried, or the hold's own refusals (cap, cancelled event).
 */
export type BestAvailableError =
  | BestAvailableRefusal
  | { kind: "no-seat-map"; eventId: string }
  | { kind: "seats-contended"; requested: number; attempts: number }
  | Extract<
      ReserveError,
      { kind: "over-customer-cap" | "event-cancelled" | "kept-for-waiting-list" }
    >;

/**
 * Why a release was refused. A reservation of someone else is reported as not found; a hold
 * pinned for a payment is the payment's to decide.
 */
export type ReleaseError =
  | { kind: "reservation-not-found"; reservationId: string }
  | { kind: "reservation-closed"; reservationId: string; status: "expired" | "confirmed" }
  | { kind: "reservation-pinned"; reservationId: string };

/**
 * Why holds could not be pinned for a payment (nothing was pinned). Someone else's hold is
 * reported as not found; a hold that is no longer live has `ended`: expired (its time ran out,
 * swept or not), released, or already sold.
 */
export type PinError =
  | { kind: "reservation-not-found"; reservationId: string }
  | {
      kind: "hold-ended";
      reservationId: string;
      ended: "expired" | "released" | "confirmed";
    };

/**
 * Why holds could not be extended (nothing was extended). Someone else's hold is reported as not
 * found; a hold that is no longer live has `ended`; a hold pinned for a payment is the payment's.
 */
export type ExtendError =
  | { kind: "reservation-not-found"; reservationId: string }
  | {
      kind: "hold-ended";
      reservationId: string;
      ended: "expired" | "released" | "confirmed";
    }
  | { kind: "reservation-pinned"; reservationId: string }
  | { kind: "extension-not-allowed"; reservationId: string; eventId: string }
  | { kind: "already-extended"; reservationId: string };

/** Why a hold could not be shown. Someone else's hold is reported as not found. */
export type FindReservationError = { kind: "reservation-not-found"; reservationId: string };

/** A waiting-list entry as refusals name it (the caller's own). */
type OpenEntry = { quantity: number; status: string; position: number | null };

/** Why a customer could not join an event's waiting list (nothing was written). */
export type JoinWaitingListError =
  | { kind: "already-on-list"; entry: OpenEntry }
  | { kind: "unknown-event"; eventId: string }
  | { kind: "unknown-section"; section: string }
  | { kind: "event-cancelled"; eventId: string }
  | { kind: "seats-free"; free: number; section: string | null }
  | { kind: "guest" };

/** Why a customer could not leave an event's waiting list. */
export type LeaveWaitingListError =
  | { kind: "not-on-list"; eventId: string }
  | { kind: "offer-on-hold"; eventId: string; reservationId: string };
