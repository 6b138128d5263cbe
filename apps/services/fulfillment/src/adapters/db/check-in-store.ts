import type { SqlTx } from "./ticket-store";

// Check-in lists and the check-ins made on them. Raw SQL like ticket-store.ts; tables unqualified.

export type CheckInListRow = {
  id: string;
  eventId: string;
  name: string;
  /** Empty: every section. */
  sections: string[];
  createdAt: Date;
  createdBy: string;
};

/** A list with its event's name (null while the event is unknown) and its counts. */
export type CheckInListWithCountsRow = CheckInListRow & {
  eventName: string | null;
  admitted: number;
  expected: number;
};

export type CheckInRow = {
  id: string;
  ticketId: string;
  listId: string;
  checkedInAt: Date;
  checkedInBy: string;
  /** The device that admitted it offline (synced later); absent or null: scanned online. */
  deviceId?: string | null;
};

const LIST_COLUMNS = `l.id::text AS id, l.event_id::text AS "eventId", l.name, l.sections,
  l.created_at AS "createdAt", l.created_by AS "createdBy"`;

// Valid tickets of the list's event in its sections (all of them when it names none), and how
// many of those are in, whichever list admitted them.
const WITH_COUNTS = `SELECT ${LIST_COLUMNS}, e.name AS "eventName",
    counts.admitted, counts.expected
  FROM check_in_list l
  LEFT JOIN event_projection e ON e.event_id = l.event_id
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE t.checked_in_at IS NOT NULL)::int AS admitted,
           count(*)::int AS expected
      FROM ticket t
     WHERE t.event_id = l.event_id AND t.voided_at IS NULL
       AND (cardinality(l.sections) = 0 OR t.section = ANY (l.sections))
  ) counts`;

export const insertCheckInList = async (tx: SqlTx, list: CheckInListRow): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO check_in_list (id, event_id, name, sections, created_at, created_by)
     VALUES ($1::uuid, $2::uuid, $3, $4::text[], $5::timestamptz, $6)`,
    list.id,
    list.eventId,
    list.name,
    list.sections,
    list.createdAt,
    list.createdBy,
  );
};

/** The list alone, without counting its tickets: what a scan needs before it starts. */
export const findCheckInListRow = async (
  q: SqlTx,
  listId: string,
): Promise<CheckInListRow | null> => {
  const [row] = await q.$queryRawUnsafe<CheckInListRow[]>(
    `SELECT ${LIST_COLUMNS} FROM check_in_list l WHERE l.id = $1::uuid`,
    listId,
  );
  return row ?? null;
};

export const findCheckInList = async (
  q: SqlTx,
  listId: string,
): Promise<CheckInListWithCountsRow | null> => {
  const [row] = await q.$queryRawUnsafe<CheckInListWithCountsRow[]>(
    `${WITH_COUNTS} WHERE l.id = $1::uuid`,
    listId,
  );
  return row ?? null;
};

/** An event's lists, oldest first (the first one made is usually the main entrance). */
export const listCheckInListsOfEvent = (
  q: SqlTx,
  eventId: string,
): PromiseLike<CheckInListWithCountsRow[]> =>
  q.$queryRawUnsafe<CheckInListWithCountsRow[]>(
    `${WITH_COUNTS} WHERE l.event_id = $1::uuid ORDER BY l.created_at, l.id`,
    eventId,
  );

/**
 * Serialises undos on one list. NO KEY UPDATE, so check-ins inserting rows that reference the
 * list (a KEY SHARE lock) go on meanwhile: an undo locks the list, then a ticket; a check-in locks
 * a ticket, then key-shares the list, and the two never wait on each other in a cycle.
 */
export const lockCheckInList = async (tx: SqlTx, listId: string): Promise<boolean> => {
  const rows = await tx.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM check_in_list WHERE id = $1::uuid FOR NO KEY UPDATE`,
    listId,
  );
  return rows.length === 1;
};

export const insertCheckIn = async (tx: SqlTx, checkIn: CheckInRow): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO check_in (id, ticket_id, list_id, checked_in_at, checked_in_by, device_id)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::timestamptz, $5, $6)`,
    checkIn.id,
    checkIn.ticketId,
    checkIn.listId,
    checkIn.checkedInAt,
    checkIn.checkedInBy,
    checkIn.deviceId ?? null,
  );
};

/** The most recent check-in on a list that has not been undone, or null. */
export const findLastCheckInOnList = async (
  tx: SqlTx,
  listId: string,
): Promise<CheckInRow | null> => {
  const [row] = await tx.$queryRawUnsafe<CheckInRow[]>(
    `SELECT id::text AS id, ticket_id::text AS "ticketId", list_id::text AS "listId",
            checked_in_at AS "checkedInAt", checked_in_by AS "checkedInBy"
       FROM check_in WHERE list_id = $1::uuid AND undone_at IS NULL
      ORDER BY checked_in_at DESC, id DESC LIMIT 1`,
    listId,
  );
  return row ?? null;
};

export const markCheckInUndone = async (
  tx: SqlTx,
  checkInId: string,
  at: Date,
  by: string,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE check_in SET undone_at = $2::timestamptz, undone_by = $3 WHERE id = $1::uuid`,
    checkInId,
    at,
    by,
  );
};
