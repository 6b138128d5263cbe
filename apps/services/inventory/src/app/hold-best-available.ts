import type { EventCause } from "@marquee/events/create-event";
import { fail, ok, type Result } from "@marquee/service/result";
import { readSeatMap, readSeatsNow, seatMapReadsStarted } from "../adapters/db/seat-map";
import {
  pickForAttempt,
  rankBestAvailable,
  stillOffered,
  type BestAvailableRequest,
} from "../domain/best-available";
import type { BestAvailableError } from "../domain/errors";
import type { InventoryDeps } from "./deps";
import type { ReservationView } from "./reservation-view";
import { holdInDatabase } from "./reserve-seats";

/**
 * How many blocks one request may lose without anyone having taken a seat in between before it
 * tells the buyer the seats are going too fast. A block lost while the map's free seats went down
 * was lost to a buyer who got seats: that is the sale moving, not contention, and is not counted
 * (seats are finite, so it cannot go on forever), up to `BEST_AVAILABLE_MAX_TRIES` blocks in all.
 */
export const BEST_AVAILABLE_ATTEMPTS = 24;
const BEST_AVAILABLE_MAX_TRIES = 200;

const freeSeats = (map: readonly { free: boolean }[]): number =>
  map.reduce((count, seat) => count + (seat.free ? 1 : 0), 0);

export type HoldBestAvailableInput = BestAvailableRequest & {
  customerId: string;
  /** The token's email: the per-customer cap counts by it, as for a hand-picked hold. */
  customerEmail: string;
  eventId: string;
  cause: EventCause;
};

/**
 * Chooses the best block of `quantity` adjacent free seats (`domain/best-available.ts`) and holds
 * it with everything a hand-picked hold has: the per-seat Redis locks (here also on the free seats
 * just beside the block, so two buyers cannot each take a block that together strands the seat
 * between them), then `holdInDatabase` (the conditional UPDATE, the per-email cap, the cancelled
 * event, the reservation-created event in the same statement). Losing a race (a lock, the row
 * changed since it was read, or the database guard) re-reads the map and tries again (see
 * `BEST_AVAILABLE_ATTEMPTS`); the sale gate is the router's, before this.
 */
export const holdBestAvailable = async (
  deps: InventoryDeps,
  input: HoldBestAvailableInput,
  random: () => number = Math.random,
): Promise<Result<ReservationView, BestAvailableError>> => {
  let lostAt = -1;
  let countedLosses = 0;
  let freeBefore = Number.POSITIVE_INFINITY;
  for (
    let tries = 0;
    countedLosses < BEST_AVAILABLE_ATTEMPTS && tries < BEST_AVAILABLE_MAX_TRIES;
    tries += 1
  ) {
    const map = await readSeatMap(deps.holdPool, input.eventId, lostAt);
    if (map.length === 0) return fail({ kind: "no-seat-map", eventId: input.eventId });
    const free = freeSeats(map);
    // A loss counts when no seat was taken since the map before it; the choice widens every try.
    if (tries > 0 && free >= freeBefore) countedLosses += 1;
    freeBefore = free;
    const ranked = rankBestAvailable(map, input);
    if (!ranked.ok) return ranked;
    const block = pickForAttempt(ranked.value, tries, random);
    const seats = [...block.seats].sort((a, b) => (a.id < b.id ? -1 : 1));
    const lockIds = [...block.seats, ...block.neighbours].map((seat) => seat.id).sort();

    let release: (() => Promise<void>) | null = null;
    try {
      const lock = await deps.locks.acquire(lockIds);
      if (!lock.acquired) {
        lostAt = seatMapReadsStarted();
        continue;
      }
      release = lock.release;
    } catch (error) {
      // As for a hand-picked hold: the database guard stands without Redis.
      deps.log.warn({ err: error }, "seat locks unavailable; relying on the database guard alone");
    }
    try {
      const row = await readSeatsNow(
        deps.holdPool,
        block.row.map((seat) => seat.id),
      );
      if (!stillOffered(block, row, input.accessible === true)) {
        lostAt = seatMapReadsStarted();
        continue;
      }
      const held = await holdInDatabase(deps, { ...input, seatIds: seats.map((s) => s.id) }, seats);
      if (held.ok) {
        deps.relay.nudge();
        return ok(held.value);
      }
      switch (held.error.kind) {
        case "seat-taken":
          lostAt = seatMapReadsStarted();
          continue;
        case "over-customer-cap":
        case "event-cancelled":
        case "kept-for-waiting-list":
          return fail(held.error);
        case "no-seats":
        case "too-many-seats":
        case "duplicate-seat":
        case "unknown-seat":
        case "seat-of-other-event":
          // The seats came from this event's own map, so none of these can happen.
          throw new Error(`unexpected hold refusal ${held.error.kind}`);
      }
    } finally {
      if (release) {
        await release().catch((error: unknown) =>
          deps.log.warn({ err: error }, "releasing seat locks failed; they expire on their own"),
        );
      }
    }
  }
  return fail({
    kind: "seats-contended",
    requested: input.quantity,
    attempts: BEST_AVAILABLE_ATTEMPTS,
  });
};
