import type { EventOfType } from "@marquee/events/registry";
import { insertSeatStock, upsertHoldTtl, type SqlTx } from "../adapters/db/inventory-store";

/**
 * Creates stock for one chunk of an event's layout. Idempotent per seat (`ON CONFLICT DO
 * NOTHING`): a redelivered or re-sent chunk never resets a seat that is already held or sold.
 */
export const createSeatStock = async (
  tx: SqlTx,
  event: EventOfType<"catalog.seats-generated">,
): Promise<number> => {
  const { eventId, currency, holdTtlSeconds, seats } = event.data;
  await upsertHoldTtl(tx, eventId, holdTtlSeconds);
  return insertSeatStock(
    tx,
    eventId,
    currency,
    seats.map((seat) => ({ ...seat })),
  );
};
