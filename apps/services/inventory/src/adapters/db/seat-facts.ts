import type { SeatFacts } from "../../domain/hold-rules";
import type { Pool } from "./client";

export type SeatFactsCache = {
  /**
   * The facts of the seats that exist, from memory when seen before; unknown ids are left out.
   * `eventId` is the event the caller expects them in: the first miss for an event loads all of
   * its seats at once.
   */
  lookup(eventId: string, seatIds: readonly string[]): Promise<Map<string, SeatFacts>>;
};

const FACTS = `SELECT id::text AS "id", event_id::text AS "eventId", section, row, number,
                      price_cents AS "priceCents", currency
                 FROM seat`;

/**
 * Section, row, number, price, currency and event of a seat never change once stocked (stock is
 * insert-only: `ON CONFLICT DO NOTHING`), so they are kept in memory and the hot path asks the
 * database only for seats it has never seen. The first miss for an event loads every seat of that
 * event in one query (concurrent misses share it): an on-sale's buyers each pick a different seat,
 * and a query per first pick cost more than the hold itself. A seat still missing after that (an
 * unknown id, or stocked after the load) is asked for by id, and unknown seats are not remembered,
 * so a seat stocked later is found. Bounded: the oldest entries go first.
 */
export const createSeatFactsCache = (
  pool: Pool,
  opts: { maxEntries?: number } = {},
): SeatFactsCache => {
  const maxEntries = opts.maxEntries ?? 200_000;
  const known = new Map<string, SeatFacts>();
  const eventLoads = new Map<string, Promise<void>>();

  const remember = (rows: readonly SeatFacts[]) => {
    for (const seat of rows) {
      if (known.size >= maxEntries && !known.has(seat.id)) {
        const oldest = known.keys().next();
        if (!oldest.done) known.delete(oldest.value);
      }
      known.set(seat.id, seat);
    }
  };

  const loadEvent = (eventId: string): Promise<void> => {
    let load = eventLoads.get(eventId);
    if (!load) {
      load = pool
        .query<SeatFacts>({
          text: `${FACTS} WHERE event_id = $1::uuid`,
          values: [eventId],
        })
        .then(({ rows }) => remember(rows));
      // A failed load is forgotten, so the next miss tries again.
      load.catch(() => eventLoads.delete(eventId));
      eventLoads.set(eventId, load);
    }
    return load;
  };

  return {
    async lookup(eventId, seatIds) {
      const found = new Map<string, SeatFacts>();
      const collect = () => {
        for (const id of seatIds) {
          const seat = known.get(id);
          if (seat) found.set(id, seat);
        }
        return seatIds.filter((id) => !found.has(id));
      };
      let missing = collect();
      if (missing.length === 0) return found;
      await loadEvent(eventId);
      missing = collect();
      if (missing.length === 0) return found;

      const { rows } = await pool.query<SeatFacts>({
        text: `${FACTS} WHERE id = ANY($1::uuid[])`,
        values: [missing],
      });
      remember(rows);
      for (const seat of rows) found.set(seat.id, seat);
      return found;
    },
  };
};
