import type { SqlTx } from "./inventory-store";

/** A guest's live hold, locked for the move to an account, with how many seats it holds. */
export type GuestHoldRow = { id: string; eventId: string; seats: number };

/**
 * Takes the cap's advisory lock of (event, email) for each event, in key order as the hold batch
 * does (`hold_seats_batch`), so a move and the account's own holds never count past each other.
 */
export const lockCapKeys = async (
  tx: SqlTx,
  eventIds: readonly string[],
  email: string,
): Promise<void> => {
  const keys = await tx.$queryRawUnsafe<Array<{ key: string }>>(
    `SELECT DISTINCT hashtextextended('inventory.customer-email:' || e::text || ':' || $2, 0)::text AS key
       FROM unnest($1::uuid[]) AS e ORDER BY 1`,
    eventIds,
    email,
  );
  const ordered = keys.map((k) => BigInt(k.key)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of ordered) {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)`, key.toString());
  }
};

/** The guest's active holds whose time has not run out, row-locked in id order. */
export const lockLiveHoldsOf = (tx: SqlTx, customerId: string): PromiseLike<GuestHoldRow[]> =>
  tx.$queryRawUnsafe(
    `SELECT r.id::text AS id, r.event_id::text AS "eventId",
            (SELECT count(*)::int FROM reservation_seat rs WHERE rs.reservation_id = r.id) AS seats
       FROM reservation r
      WHERE r.customer_id = $1 AND r.status = 'active' AND r.expires_at > now()
      ORDER BY r.id
        FOR UPDATE OF r`,
    customerId,
  );

/** Seats the customer holds for the event right now, counted as the cap counts them. */
export const countHeldSeats = async (
  tx: SqlTx,
  eventId: string,
  customerId: string,
  email: string,
): Promise<number> => {
  const [row] = await tx.$queryRawUnsafe<Array<{ held: number }>>(
    `SELECT count(*)::int AS held
       FROM reservation r JOIN reservation_seat rs ON rs.reservation_id = r.id
      WHERE r.event_id = $1::uuid AND r.status = 'active' AND r.expires_at > now()
        AND (r.customer_email = $3 OR (r.customer_id = $2 AND r.customer_email IS NULL))`,
    eventId,
    customerId,
    email,
  );
  return row?.held ?? 0;
};

/** Gives these holds to another customer (and the email their cap counts by). */
export const reassignHolds = async (
  tx: SqlTx,
  ids: readonly string[],
  customerId: string,
  email: string,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE reservation SET customer_id = $2, customer_email = $3 WHERE id = ANY($1::uuid[])`,
    ids,
    customerId,
    email,
  );
};
