import type { SeatOnMap } from "../../domain/best-available";
import type { Pool } from "./client";

const SEAT_MAP = `SELECT id::text AS "id", event_id::text AS "eventId", section, row, number,
                         price_cents AS "priceCents", currency, accessible,
                         state = 'available' AS "free"
                    FROM seat`;

type SharedRead = { seq: number; read: Promise<SeatOnMap[]> };
const inFlight = new WeakMap<Pool, Map<string, SharedRead>>();
let started = 0;

/** How many map reads have started so far: pass it to `readSeatMap` to get one started after now. */
export const seatMapReadsStarted = (): number => started;

/**
 * Every seat of an event and whether it is free: what best-available chooses from. Buyers of one
 * event asking at the same moment share the read in flight (an on-sale's crowd would otherwise
 * queue a thousand copies of it on the hold's few connections); a buyer who just lost a race
 * passes `startedAfter` (`seatMapReadsStarted()` when it lost) so it never gets a map read before
 * the winner's hold. A slightly old map is safe: the block chosen from it is checked against its
 * row again once locked.
 */
export const readSeatMap = (
  pool: Pool,
  eventId: string,
  startedAfter = -1,
): Promise<SeatOnMap[]> => {
  let reads = inFlight.get(pool);
  if (!reads) inFlight.set(pool, (reads = new Map<string, SharedRead>()));
  const shared = reads.get(eventId);
  if (shared && shared.seq > startedAfter) return shared.read;
  started += 1;
  const entry = {
    seq: started,
    read: pool
      .query<SeatOnMap>({
        text: `${SEAT_MAP} WHERE event_id = $1::uuid`,
        values: [eventId],
      })
      .then(({ rows }) => rows),
  };
  const forget = () => {
    if (reads.get(eventId) === entry) reads.delete(eventId);
  };
  entry.read.then(forget, forget);
  reads.set(eventId, entry);
  return entry.read;
};

/** The listed seats as they are now (one row of the map, re-read once its block is locked). */
export const readSeatsNow = async (
  pool: Pool,
  seatIds: readonly string[],
): Promise<SeatOnMap[]> => {
  const { rows } = await pool.query<SeatOnMap>({
    text: `${SEAT_MAP} WHERE id = ANY($1::uuid[])`,
    values: [seatIds],
  });
  return rows.sort((a, b) => a.number - b.number);
};
