import type { ReserveError } from "./errors";
import { fail, ok, type Result } from "./result";
import { seatLabel, type SeatPosition } from "./seat-label";

export type SeatState = "available" | "held" | "sold";

/** What the hold rules need to know about one stocked seat. */
export type StockedSeat = SeatPosition & {
  id: string;
  eventId: string;
  priceCents: number;
  currency: string;
  state: SeatState;
};

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
 * Every requested seat must exist, belong to the event and be free right now. This is the cheap
 * early answer for losers of a race; the conditional update in the database has the final word.
 */
export const checkSeatsHoldable = (
  eventId: string,
  seatIds: readonly string[],
  stocked: readonly StockedSeat[],
): Result<StockedSeat[], ReserveError> => {
  const byId = new Map(stocked.map((seat) => [seat.id, seat]));
  const seats: StockedSeat[] = [];
  for (const seatId of seatIds) {
    const seat = byId.get(seatId);
    if (!seat) return fail({ kind: "unknown-seat", seatId });
    if (seat.eventId !== eventId) return fail({ kind: "seat-of-other-event", seatId, eventId });
    seats.push(seat);
  }
  const taken = seats.find((seat) => seat.state !== "available");
  if (taken) return fail(seatTaken(taken));
  return ok(seats);
};

export const seatTaken = (seat: SeatPosition & { id: string }): ReserveError => ({
  kind: "seat-taken",
  seatId: seat.id,
  label: seatLabel(seat),
});

/** A customer holds at most `limit` seats of one event at a time, across all their active holds. */
export const checkCustomerCap = (input: {
  alreadyHeld: number;
  requested: number;
  limit: number;
}): Result<void, ReserveError> =>
  input.alreadyHeld + input.requested > input.limit
    ? fail({ kind: "over-customer-cap", ...input })
    : ok(undefined);

/** The event's own hold TTL when catalog set one, otherwise the service default. */
export const holdTtlSeconds = (eventTtl: number | null | undefined, defaultTtl: number): number =>
  eventTtl && eventTtl > 0 ? eventTtl : defaultTtl;

export const holdExpiresAt = (now: Date, ttlSeconds: number): Date =>
  new Date(now.getTime() + ttlSeconds * 1_000);
