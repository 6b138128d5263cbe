import type { MarqueeEvent } from "@marquee/events/registry";
import { findDefinition } from "@marquee/events/registry";
import type { Pool } from "./client";

/**
 * The whole hold in one statement and one round trip: `hold_seats`, a plpgsql function in
 * migration 20261130090000_hold_in_one_statement, run in its own implicit transaction. In order:
 *   1. a requested seat already held or sold ends it with `seat-taken` (nothing written);
 *   2. a cancelled event ends it with `event-cancelled`;
 *   3. `pg_advisory_xact_lock` on (event, email) serialises one customer's holds; the count that
 *      follows runs with a fresh snapshot (a VOLATILE function takes one per statement under READ
 *      COMMITTED), so it sees every hold of that email committed before; over the cap ends it with
 *      `over-customer-cap` (nothing written);
 *   4. the reservation row, then `UPDATE seat ... WHERE state = 'available'` under each seat's row
 *      lock, listing what it took in `reservation_seat`; a seat lost to a concurrent hold raises
 *      MQ409 and the statement rolls back whole;
 *   5. the outbox row, built here with `createEvent` (so byte for byte what `enqueue` writes) and
 *      given the expiry computed in step 4.
 * Why a function and not a CTE: a CTE's snapshot is taken before any lock it acquires, so the cap
 * count could not see a concurrent hold of the same email; and why not Prisma's interactive
 * transaction: its BEGIN / lock / count / write / enqueue / COMMIT round trips held a pooled
 * connection for the whole exchange and cost most of the service's CPU (README, "Profile").
 */
export type HoldOutcome =
  | { kind: "held"; expiresAt: Date; alreadyHeld: number }
  | { kind: "seat-taken"; seatId: string }
  | { kind: "event-cancelled" }
  | { kind: "over-customer-cap"; alreadyHeld: number };

export type HoldRequest = {
  reservationId: string;
  eventId: string;
  customerId: string;
  /** Lower-cased; the cap counts by it. */
  customerEmail: string;
  /** Sorted; the seats' row locks are taken in this order. */
  seatIds: readonly string[];
  currency: string;
  now: Date;
  defaultTtlSeconds: number;
  cap: number;
  /** reservation-created, whose `data.expiresAt` the statement fills in. */
  event: MarqueeEvent;
};

const HOLD_SQL = `SELECT outcome, lost_seat AS "lostSeat", already_held AS "alreadyHeld",
       hold_expires_at AS "expiresAt"
  FROM hold_seats($1::uuid, $2::uuid, $3, $4, $5::uuid[], $6, $7::timestamptz, $8::int, $9::int,
                  $10::uuid, $11, $12, $13, $14::jsonb, $15::jsonb)`;

/** Raised by hold_seats when a seat went to a concurrent hold after the pre-check; DETAIL = seat. */
const SEAT_LOST = "MQ409";
/** Two multi-seat holds locking overlapping seats in different orders (only without Redis). */
const DEADLOCK = "40P01";

type HoldRow = {
  outcome: "held" | "seat-taken" | "event-cancelled" | "over-customer-cap";
  lostSeat: string | null;
  alreadyHeld: number | null;
  expiresAt: Date | null;
};

export const holdSeats = async (pool: Pool, r: HoldRequest): Promise<HoldOutcome> => {
  const def = findDefinition(r.event.type);
  if (!def) throw new Error(`cannot enqueue unknown event type "${r.event.type}"`);
  let row: HoldRow | undefined;
  try {
    ({
      rows: [row],
    } = await pool.query<HoldRow>({
      name: "inventory-hold-seats",
      text: HOLD_SQL,
      values: [
        r.reservationId,
        r.eventId,
        r.customerId,
        r.customerEmail,
        r.seatIds,
        r.currency,
        r.now,
        r.defaultTtlSeconds,
        r.cap,
        r.event.id,
        def.topic,
        r.event.key,
        r.event.type,
        JSON.stringify(r.event),
        JSON.stringify({ correlationId: r.event.correlationId }),
      ],
    }));
  } catch (error) {
    const pgError = error as { code?: string; detail?: string };
    if (pgError.code === SEAT_LOST && pgError.detail) {
      return { kind: "seat-taken", seatId: pgError.detail };
    }
    if (pgError.code === DEADLOCK) return { kind: "seat-taken", seatId: r.seatIds[0]! };
    throw error;
  }
  if (!row) throw new Error("hold_seats returned no row");
  switch (row.outcome) {
    case "held":
      return { kind: "held", expiresAt: row.expiresAt!, alreadyHeld: row.alreadyHeld ?? 0 };
    case "seat-taken":
      return { kind: "seat-taken", seatId: row.lostSeat! };
    case "event-cancelled":
      return { kind: "event-cancelled" };
    case "over-customer-cap":
      return { kind: "over-customer-cap", alreadyHeld: row.alreadyHeld ?? 0 };
  }
};
