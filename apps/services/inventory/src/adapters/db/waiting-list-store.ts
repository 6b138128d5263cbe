import type { SqlTx } from "./inventory-store";

export type WaitingListStatus = "waiting" | "offered" | "taken" | "lapsed" | "left";

export type WaitingListRow = {
  id: string;
  eventId: string;
  section: string | null;
  customerId: string;
  customerEmail: string;
  quantity: number;
  status: WaitingListStatus;
  reservationId: string | null;
  createdAt: Date;
  offeredAt: Date | null;
  /** Place in line among the event's waiting entries (1 = next); null unless waiting. */
  position: number | null;
};

const ENTRY_COLUMNS = `w.id::text AS "id", w.event_id::text AS "eventId", w.section,
  w.customer_id AS "customerId", w.customer_email AS "customerEmail", w.quantity,
  w.status::text AS "status", w.reservation_id::text AS "reservationId",
  w.created_at AS "createdAt", w.offered_at AS "offeredAt",
  CASE WHEN w.status = 'waiting' THEN
    (SELECT count(*)::int FROM waiting_list_entry a
      WHERE a.status = 'waiting' AND a.event_id = w.event_id AND a.seq <= w.seq)
  END AS "position"`;

/**
 * One join or leave per (event, customer) at a time, so a double click cannot put a customer in
 * line twice (Prisma cannot describe the partial unique index that would say it).
 */
export const lockCustomerOnList = async (
  tx: SqlTx,
  eventId: string,
  customerId: string,
): Promise<void> => {
  await tx.$queryRawUnsafe(
    `SELECT pg_advisory_xact_lock(hashtextextended('inventory.waiting-list:' || $1 || ':' || $2, 0))::text`,
    eventId,
    customerId,
  );
};

/** The customer's entry still in play for the event (waiting or offered), if any. */
export const findOpenEntry = async (
  q: SqlTx,
  eventId: string,
  customerId: string,
): Promise<WaitingListRow | null> => {
  const [row] = await q.$queryRawUnsafe<WaitingListRow[]>(
    `SELECT ${ENTRY_COLUMNS} FROM waiting_list_entry w
      WHERE w.event_id = $1::uuid AND w.customer_id = $2 AND w.status IN ('waiting', 'offered')
      ORDER BY w.seq DESC LIMIT 1`,
    eventId,
    customerId,
  );
  return row ?? null;
};

/** The customer's latest entry for the event that they did not leave: what `myWaitingList` shows. */
export const findLatestEntry = async (
  q: SqlTx,
  eventId: string,
  customerId: string,
): Promise<WaitingListRow | null> => {
  const [row] = await q.$queryRawUnsafe<WaitingListRow[]>(
    `SELECT ${ENTRY_COLUMNS} FROM waiting_list_entry w
      WHERE w.event_id = $1::uuid AND w.customer_id = $2 AND w.status <> 'left'
      ORDER BY w.seq DESC LIMIT 1`,
    eventId,
    customerId,
  );
  return row ?? null;
};

export type JoinScope = {
  /** Seats the event has at all, and in the asked section. */
  seats: number;
  inSection: number;
  /**
   * Ordinary seats free in scope that nobody on the list is waiting for: while there are any, the
   * customer can simply hold them. (Wheelchair spaces are never offered by the list.)
   */
  freeForAll: number;
  cancelled: boolean;
};

export const readJoinScope = async (
  q: SqlTx,
  eventId: string,
  section: string | null,
): Promise<JoinScope> => {
  const [row] = await q.$queryRawUnsafe<JoinScope[]>(
    `SELECT count(*)::int AS "seats",
            count(*) FILTER (WHERE $2::text IS NULL OR s.section = $2)::int AS "inSection",
            count(*) FILTER (
              WHERE ($2::text IS NULL OR s.section = $2) AND s.state = 'available' AND NOT s.accessible
                AND NOT EXISTS (SELECT 1 FROM waiting_list_entry w
                                 WHERE w.event_id = s.event_id AND w.status = 'waiting'
                                   AND (w.section IS NULL OR w.section = s.section)))::int AS "freeForAll",
            coalesce((SELECT es.cancelled_at IS NOT NULL FROM event_settings es
                       WHERE es.event_id = $1::uuid), false) AS "cancelled"
       FROM seat s WHERE s.event_id = $1::uuid`,
    eventId,
    section,
  );
  return row!;
};

export const insertEntry = async (
  tx: SqlTx,
  entry: {
    id: string;
    eventId: string;
    section: string | null;
    customerId: string;
    customerEmail: string;
    quantity: number;
  },
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO waiting_list_entry (id, event_id, section, customer_id, customer_email, quantity)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6)`,
    entry.id,
    entry.eventId,
    entry.section,
    entry.customerId,
    entry.customerEmail,
    entry.quantity,
  );
};

export const findEntry = async (q: SqlTx, id: string): Promise<WaitingListRow | null> => {
  const [row] = await q.$queryRawUnsafe<WaitingListRow[]>(
    `SELECT ${ENTRY_COLUMNS} FROM waiting_list_entry w WHERE w.id = $1::uuid`,
    id,
  );
  return row ?? null;
};

/** Waiting → left; waits for an offer being written to the entry, then sees it offered. */
export const markLeft = (tx: SqlTx, id: string): PromiseLike<number> =>
  tx.$executeRawUnsafe(
    `UPDATE waiting_list_entry SET status = 'left', closed_at = now()
      WHERE id = $1::uuid AND status = 'waiting'`,
    id,
  );

/** Events with anyone waiting whose free ordinary seats could be offered now. */
export const eventsToOffer = (q: SqlTx): PromiseLike<Array<{ eventId: string; free: number }>> =>
  q.$queryRawUnsafe(
    `SELECT e.event_id::text AS "eventId",
            (SELECT count(*)::int FROM seat s
              WHERE s.event_id = e.event_id AND s.state = 'available' AND NOT s.accessible) AS "free"
       FROM (SELECT DISTINCT event_id FROM waiting_list_entry WHERE status = 'waiting') e`,
  );

/** An event's waiting entries, first in line first. */
export const waitingEntriesOf = (q: SqlTx, eventId: string): PromiseLike<WaitingListRow[]> =>
  q.$queryRawUnsafe(
    `SELECT ${ENTRY_COLUMNS} FROM waiting_list_entry w
      WHERE w.status = 'waiting' AND w.event_id = $1::uuid ORDER BY w.seq`,
    eventId,
  );

/**
 * Per section, the ordinary seats free for anyone to hold (not kept for someone waiting): where
 * none are, a customer may join the waiting list.
 */
export const freeForAllBySection = (
  q: SqlTx,
  eventId: string,
): PromiseLike<Array<{ section: string; freeSeats: number }>> =>
  q.$queryRawUnsafe(
    `SELECT s.section,
            count(*) FILTER (
              WHERE s.state = 'available' AND NOT s.accessible
                AND NOT EXISTS (SELECT 1 FROM waiting_list_entry w
                                 WHERE w.event_id = s.event_id AND w.status = 'waiting'
                                   AND (w.section IS NULL OR w.section = s.section)))::int AS "freeSeats"
       FROM seat s WHERE s.event_id = $1::uuid
      GROUP BY s.section ORDER BY s.section`,
    eventId,
  );
