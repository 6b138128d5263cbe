import type { SqlDb, SqlTx } from "@marquee/events/sql";

// Raw SQL, like the consumer's transaction offers; every table is unqualified and the client's
// search_path pins it to bc_fulfillment.

export type { SqlDb, SqlTx };

export type EventRow = {
  eventId: string;
  name: string;
  venueName: string | null;
  startsAt: Date;
  timeZone: string;
  /** catalog's status: "published" or "cancelled" (or "draft" for an update of a draft). */
  status: string;
};

export type TicketRow = {
  id: string;
  orderId: string;
  customerId: string;
  email: string;
  eventId: string;
  seatId: string;
  section: string;
  row: string;
  number: number;
  code: string;
  /** 10 characters, unformatted (see @marquee/tickets/short-code). */
  shortCode: string;
  issuedAt: Date;
  checkedInAt: Date | null;
  checkedInBy: string | null;
  voidedAt: Date | null;
  voidReason: string | null;
  /** Who holds a transferred ticket (lower-cased email); null: the order's customer. */
  holderEmail: string | null;
  /** The ticket this one replaced by a transfer; null for a ticket issued with the order. */
  transferredFromId: string | null;
  /** 0 for the ticket issued with the order, + 1 per transfer of the seat. */
  generation: number;
};

/** A ticket with what its event projection knows (null fields while the event is unknown). */
export type TicketWithEventRow = TicketRow & {
  eventName: string | null;
  venueName: string | null;
  startsAt: Date | null;
  timeZone: string | null;
  eventStatus: string | null;
};

/** A ticket at the door: also the name of the list its current check-in was made on, if any. */
export type ScannedTicketRow = TicketWithEventRow & { checkedInListName: string | null };

const TICKET_COLUMNS = `t.id::text AS id, t.order_id::text AS "orderId", t.customer_id AS "customerId",
  t.email, t.event_id::text AS "eventId", t.seat_id::text AS "seatId", t.section, t.row, t.number,
  t.code, t.short_code AS "shortCode", t.issued_at AS "issuedAt", t.checked_in_at AS "checkedInAt",
  t.checked_in_by AS "checkedInBy", t.voided_at AS "voidedAt", t.void_reason AS "voidReason",
  t.holder_email AS "holderEmail", t.transferred_from_id::text AS "transferredFromId", t.generation`;

const EVENT_COLUMNS = `e.name AS "eventName", e.venue_name AS "venueName",
  e.starts_at AS "startsAt", e.time_zone AS "timeZone", e.status AS "eventStatus"`;

const WITH_EVENT = `SELECT ${TICKET_COLUMNS}, ${EVENT_COLUMNS}
  FROM ticket t LEFT JOIN event_projection e ON e.event_id = t.event_id`;

// Seats read in the order people sit: section, row, then seat number.
const SEAT_ORDER = `ORDER BY t.section, t.row, t.number, t.id`;

/**
 * event-published: the whole event, venue included. A replay overwrites with the same values; a
 * cancellation stays (catalog never publishes a cancelled event again).
 */
export const upsertPublishedEvent = async (
  tx: SqlTx,
  e: Omit<EventRow, "status">,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO event_projection (event_id, name, venue_name, starts_at, time_zone, status, updated_at)
     VALUES ($1::uuid, $2, $3, $4::timestamptz, $5, 'published', now())
     ON CONFLICT (event_id) DO UPDATE SET name = EXCLUDED.name, venue_name = EXCLUDED.venue_name,
       starts_at = EXCLUDED.starts_at, time_zone = EXCLUDED.time_zone,
       status = CASE WHEN event_projection.status = 'cancelled' THEN 'cancelled' ELSE 'published' END,
       updated_at = now()`,
    e.eventId,
    e.name,
    e.venueName,
    e.startsAt,
    e.timeZone,
  );
};

/**
 * event-updated: name, time and status may change; it carries no venue, so a known venue is kept.
 * A cancellation is final (as in catalog).
 */
export const upsertUpdatedEvent = async (
  tx: SqlTx,
  e: Omit<EventRow, "venueName">,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO event_projection (event_id, name, venue_name, starts_at, time_zone, status, updated_at)
     VALUES ($1::uuid, $2, NULL, $3::timestamptz, $4, $5, now())
     ON CONFLICT (event_id) DO UPDATE SET name = EXCLUDED.name, starts_at = EXCLUDED.starts_at,
       time_zone = EXCLUDED.time_zone,
       status = CASE WHEN event_projection.status = 'cancelled' THEN 'cancelled' ELSE EXCLUDED.status END,
       updated_at = now()`,
    e.eventId,
    e.name,
    e.startsAt,
    e.timeZone,
    e.status,
  );
};

export const findEvent = async (q: SqlTx, eventId: string): Promise<EventRow | null> => {
  const [row] = await q.$queryRawUnsafe<EventRow[]>(
    `SELECT event_id::text AS "eventId", name, venue_name AS "venueName", starts_at AS "startsAt",
            time_zone AS "timeZone", status
       FROM event_projection WHERE event_id = $1::uuid`,
    eventId,
  );
  return row ?? null;
};

/** Voids every valid ticket of an event (its cancellation); resolves with how many. */
export const voidTicketsOfEvent = (
  tx: SqlTx,
  eventId: string,
  at: Date,
  reason: string,
): PromiseLike<number> =>
  tx.$executeRawUnsafe(
    `UPDATE ticket SET voided_at = $2::timestamptz, void_reason = $3
      WHERE event_id = $1::uuid AND voided_at IS NULL`,
    eventId,
    at,
    reason,
  );

/** Voids every valid ticket of an order, whoever holds it now. Resolves with how many. */
export const voidTicketsOfOrder = (
  tx: SqlTx,
  orderId: string,
  at: Date,
  reason: string,
): PromiseLike<number> =>
  tx.$executeRawUnsafe(
    `UPDATE ticket SET voided_at = $2::timestamptz, void_reason = $3
      WHERE order_id = $1::uuid AND voided_at IS NULL`,
    orderId,
    at,
    reason,
  );

/**
 * Voids the valid tickets of these seats of an order (a refund of them): whoever holds the seat's
 * ticket now, the buyer or someone it was transferred to. Resolves with how many.
 */
export const voidTicketsOfSeats = (
  tx: SqlTx,
  orderId: string,
  seatIds: readonly string[],
  at: Date,
  reason: string,
): PromiseLike<number> =>
  tx.$executeRawUnsafe(
    `UPDATE ticket SET voided_at = $3::timestamptz, void_reason = $4
      WHERE order_id = $1::uuid AND seat_id = ANY($2::uuid[]) AND voided_at IS NULL`,
    orderId,
    [...seatIds],
    at,
    reason,
  );

/** Serialises issuing for one order, so two confirmations of it cannot both find no tickets. */
export const lockOrderTickets = async (tx: SqlTx, orderId: string): Promise<void> => {
  await tx.$queryRawUnsafe(
    `SELECT pg_advisory_xact_lock(hashtextextended('fulfillment.order:' || $1, 0))::text`,
    orderId,
  );
};

export const countTicketsOfOrder = async (q: SqlTx, orderId: string): Promise<number> => {
  const [row] = await q.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM ticket WHERE order_id = $1::uuid`,
    orderId,
  );
  return row?.n ?? 0;
};

/** A ticket to write: a sale's (first holder: the buyer) or a transfer's (the new holder). */
export type NewTicket = Omit<
  TicketRow,
  | "checkedInAt"
  | "checkedInBy"
  | "voidedAt"
  | "voidReason"
  | "holderEmail"
  | "transferredFromId"
  | "generation"
> &
  Partial<Pick<TicketRow, "holderEmail" | "transferredFromId" | "generation">>;

/**
 * Inserts a ticket unless its short code is taken (false then: draw another). Any other
 * conflict (the same seat of the order and generation, the same id, a second successor of one
 * transferred ticket) still fails the transaction.
 */
export const insertTicket = async (tx: SqlTx, t: NewTicket): Promise<boolean> => {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO ticket (id, order_id, customer_id, email, event_id, seat_id, section, row, number,
                         code, short_code, issued_at, holder_email, transferred_from_id, generation)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5::uuid, $6::uuid, $7, $8, $9, $10, $11, $12::timestamptz,
             $13, $14::uuid, $15)
     ON CONFLICT (short_code) DO NOTHING`,
    t.id,
    t.orderId,
    t.customerId,
    t.email,
    t.eventId,
    t.seatId,
    t.section,
    t.row,
    t.number,
    t.code,
    t.shortCode,
    t.issuedAt,
    t.holderEmail ?? null,
    t.transferredFromId ?? null,
    t.generation ?? 0,
  );
  return inserted === 1;
};

export const listTicketsOfOrder = (q: SqlTx, orderId: string): PromiseLike<TicketWithEventRow[]> =>
  q.$queryRawUnsafe<TicketWithEventRow[]>(
    `${WITH_EVENT} WHERE t.order_id = $1::uuid ${SEAT_ORDER}`,
    orderId,
  );

/**
 * The tickets a person holds, by event start (unknown events last), then order and seat: those
 * of their orders never transferred (holder_email null), and those transferred to their verified
 * address (`email`, lower-cased; null: none). A ticket they transferred away is no longer theirs.
 */
export const listTicketsOfHolder = (
  q: SqlTx,
  holder: { customerId: string; email: string | null },
): PromiseLike<TicketWithEventRow[]> =>
  q.$queryRawUnsafe<TicketWithEventRow[]>(
    `${WITH_EVENT}
      WHERE ((t.holder_email IS NULL AND t.customer_id = $1) OR t.holder_email = $2)
        AND NOT EXISTS (SELECT 1 FROM ticket n WHERE n.transferred_from_id = t.id)
      ORDER BY e.starts_at NULLS LAST, t.order_id, t.section, t.row, t.number, t.id`,
    holder.customerId,
    holder.email,
  );

/**
 * The ticket a scan names (by id from a QR, or by short code), locked for the rest of the
 * transaction so two scans of it serialise; with the list its current check-in was made on.
 */
export const lockTicket = async (
  tx: SqlTx,
  by: { ticketId: string } | { shortCode: string },
): Promise<ScannedTicketRow | null> => {
  const [row] = await tx.$queryRawUnsafe<ScannedTicketRow[]>(
    `SELECT ${TICKET_COLUMNS}, ${EVENT_COLUMNS}, last.name AS "checkedInListName"
       FROM ticket t
       LEFT JOIN event_projection e ON e.event_id = t.event_id
       LEFT JOIN LATERAL (
         SELECT l.name FROM check_in c JOIN check_in_list l ON l.id = c.list_id
          WHERE c.ticket_id = t.id AND c.undone_at IS NULL
          ORDER BY c.checked_in_at DESC LIMIT 1
       ) last ON true
      WHERE ${"ticketId" in by ? "t.id = $1::uuid" : "t.short_code = $1"}
      FOR UPDATE OF t`,
    "ticketId" in by ? by.ticketId : by.shortCode,
  );
  return row ?? null;
};

/** The ticket row only, locked (an undo already knows which ticket). */
export const lockTicketById = async (
  tx: SqlTx,
  ticketId: string,
): Promise<TicketWithEventRow | null> => {
  const [row] = await tx.$queryRawUnsafe<TicketWithEventRow[]>(
    `${WITH_EVENT} WHERE t.id = $1::uuid FOR UPDATE OF t`,
    ticketId,
  );
  return row ?? null;
};

export const markCheckedIn = async (
  tx: SqlTx,
  ticketId: string,
  at: Date,
  by: string,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE ticket SET checked_in_at = $2::timestamptz, checked_in_by = $3
      WHERE id = $1::uuid AND checked_in_at IS NULL`,
    ticketId,
    at,
    by,
  );
};

/** The ticket is out again (an undone check-in). */
export const clearCheckIn = async (tx: SqlTx, ticketId: string): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE ticket SET checked_in_at = NULL, checked_in_by = NULL WHERE id = $1::uuid`,
    ticketId,
  );
};
