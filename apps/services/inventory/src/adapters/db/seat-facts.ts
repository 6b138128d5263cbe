import type { SeatFacts } from "../../domain/hold-rules";
import type { Pool } from "./client";

export type SeatFactsCache = {
  /** The facts of the seats that exist, from memory when seen before; unknown ids are left out. */
  lookup(seatIds: readonly string[]): Promise<Map<string, SeatFacts>>;
};

/**
 * Section, row, number, price, currency and event of a seat never change once stocked (stock is
 * insert-only: `ON CONFLICT DO NOTHING`), so they are kept in memory after the first lookup and the
 * hot path asks the database only for seats it has never seen. Unknown seats are not remembered,
 * so a seat stocked later is found. Bounded: the oldest entries go first.
 */
export const createSeatFactsCache = (
  pool: Pool,
  opts: { maxEntries?: number } = {},
): SeatFactsCache => {
  const maxEntries = opts.maxEntries ?? 200_000;
  const known = new Map<string, SeatFacts>();

  return {
    async lookup(seatIds) {
      const found = new Map<string, SeatFacts>();
      let missing: string[] | null = null;
      for (const id of seatIds) {
        const seat = known.get(id);
        if (seat) found.set(id, seat);
        else (missing ??= []).push(id);
      }
      if (missing === null) return found;

      const { rows } = await pool.query<SeatFacts>({
        name: "inventory-seat-facts",
        text: `SELECT id::text AS "id", event_id::text AS "eventId", section, row, number,
                      price_cents AS "priceCents", currency
                 FROM seat WHERE id = ANY($1::uuid[])`,
        values: [missing],
      });
      for (const seat of rows) {
        if (known.size >= maxEntries) {
          const oldest = known.keys().next();
          if (!oldest.done) known.delete(oldest.value);
        }
        known.set(seat.id, seat);
        found.set(seat.id, seat);
      }
      return found;
    },
  };
};
