import type { ReserveError } from "./errors";
import { fail, ok, type Result } from "@marquee/service/result";
import { seatLabel, type SeatPosition } from "@marquee/tickets/seat-label";

export type SeatState = "available" | "held" | "sold";

/** What never changes about a stocked seat: where it is, whose event, its price. */
export type SeatFacts = SeatPosition & {
  id: string;
  eventId: string;
  priceCents: number;
  currency: string;
};

/** A stocked seat with its state right now. */
export type StockedSeat = SeatFacts & { state: SeatState };

/** At most this many seats in one reserve call, whatever the per-customer cap says. */
export const MAX_SEATS_PER_REQUEST = 10;

/** Rejects empty, oversized and repetitive requests before anything is looked up. */
export const checkSeatRequest = (seatIds: readonly string[]): Result<string[], ReserveError> => {
  if (seatIds.length === 0) return fail({ kind: "no-seats" });
  if (seatIds.length > MAX_SEATS_PER_REQUEST) {
    return fail({
      kind: "too-many-seats",
      requested: seatIds.length,
      limit: MAX_SEATS_PER_REQUEST,
    });
  }
  const seen = new Set<string>();
  for (const seatId of seatIds) {
    if (seen.has(seatId)) return fail({ kind: "duplicate-seat", seatId });
    seen.add(seatId);
  }
  // Sorted, so every caller takes the per-seat locks in the same order.
  return ok([...seen].sort());
};

/**
 * Every requested seat must exist and belong to the event. Whether it is free is the database's
 * to say, in the same statement that takes it: these facts never change, so they can come from a
 * cache and cost the hot path no query.
 */
export const checkSeatsOfEvent = <TSeat extends SeatFacts>(
  eventId: string,
  seatIds: readonly string[],
  stocked: ReadonlyMap<string, TSeat>,
): Result<TSeat[], ReserveError> => {
  const seats: TSeat[] = [];
  for (const seatId of seatIds) {
    const seat = stocked.get(seatId);
    if (!seat) return fail({ kind: "unknown-seat", seatId });
    if (seat.eventId !== eventId) return fail({ kind: "seat-of-other-event", seatId, eventId });
    seats.push(seat);
  }
  return ok(seats);
};

export const seatTaken = (seat: SeatPosition & { id: string }): ReserveError => ({
  kind: "seat-taken",
  seatId: seat.id,
  label: seatLabel(seat),
});

/**
 * The key the per-customer cap counts by: the token's email, lower-cased, so guest tokens and an
 * account with the same address share one cap.
 */
export const capKeyOf = (email: string): string => email.trim().toLowerCase();
