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
  issuedAt: Date;
  checkedInAt: Date | null;
  checkedInBy: string | null;
};

/** A ticket with what its event projection knows (null fields while the event is unknown). */
export type TicketWithEventRow = TicketRow & {
  eventName: string | null;
  venueName: string | null;
  startsAt: Date | null;
  timeZone: string | null;
};

const TICKET_COLUMNS = `t.id::text AS id, t.order_id::text AS "orderId", t.customer_id AS "customerId",
  t.email, t.event_id::text AS "eventId", t.seat_id::text AS "seatId", t.section, t.row, t.number,
  t.code, t.issued_at AS "issuedAt", t.checked_in_at AS "checkedInAt", t.checked_in_by AS "checkedInBy"`;

const WITH_EVENT = `SELECT ${TICKET_COLUMNS}, e.name AS "eventName", e.venue_name AS "venueName",
  e.starts_at AS "startsAt", e.time_zone AS "timeZone"
  FROM ticket t LEFT JOIN event_projection e ON e.event_id = t.event_id`;

// Seats read in the order people sit: section, row, then seat number.
const SEAT_ORDER = `ORDER BY t.section, t.row, t.number, t.id`;

/** event-published: the whole event, venue included. A replay overwrites with the same values. */
export const upsertPublishedEvent = async (tx: SqlTx, e: EventRow): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO event_projection (event_id, name, venue_name, starts_at, time_zone, updated_at)
     VALUES ($1::uuid, $2, $3, $4::timestamptz, $5, now())
     ON CONFLICT (event_id) DO UPDATE SET name = EXCLUDED.name, venue_name = EXCLUDED.venue_name,
       starts_at = EXCLUDED.starts_at, time_zone = EXCLUDED.time_zone, updated_at = now()`,
    e.eventId,
    e.name,
    e.venueName,
    e.startsAt,
    e.timeZone,
  );
};

/** event-updated: name and time may change; it carries no venue, so a known venue is kept. */
export const upsertUpdatedEvent = async (
  tx: SqlTx,
  e: Omit<EventRow, "venueName">,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO event_projection (event_id, name, venue_name, starts_at, time_zone, updated_at)
     VALUES ($1::uuid, $2, NULL, $3::timestamptz, $4, now())
     ON CONFLICT (event_id) DO UPDATE SET name = EXCLUDED.name, starts_at = EXCLUDED.starts_at,
       time_zone = EXCLUDED.time_zone, updated_at = now()`,
    e.eventId,
    e.name,
    e.startsAt,
    e.timeZone,
  );
};

export const findEvent = async (q: SqlTx, eventId: string): Promise<EventRow | null> => {
  const [row] = await q.$queryRawUnsafe<EventRow[]>(
    `SELECT event_id::text AS "eventId", name, venue_name AS "venueName", starts_at AS "startsAt",
            time_zone AS "timeZone"
       FROM event_projection WHERE event_id = $1::uuid`,
    eventId,
  );
  return row ?? null;
};

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

export const insertTickets = async (
  tx: SqlTx,
  tickets: Omit<TicketRow, "checkedInAt" | "checkedInBy">[],
): Promise<void> => {
  for (const t of tickets) {
    await tx.$executeRawUnsafe(
      `INSERT INTO ticket (id, order_id, customer_id, email, event_id, seat_id, section, row, number, code, issued_at)
       VALUES ($1::uuid, $2::uuid, $3, $4, $5::uuid, $6::uuid, $7, $8, $9, $10, $11::timestamptz)`,
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
      t.issuedAt,
    );
  }
};

export const listTicketsOfOrder = (q: SqlTx, orderId: string): PromiseLike<TicketWithEventRow[]> =>
  q.$queryRawUnsafe<TicketWithEventRow[]>(
    `${WITH_EVENT} WHERE t.order_id = $1::uuid ${SEAT_ORDER}`,
    orderId,
  );

/** A customer's tickets by event start (unknown events last), then order and seat. */
export const listTicketsOfCustomer = (
  q: SqlTx,
  customerId: string,
): PromiseLike<TicketWithEventRow[]> =>
  q.$queryRawUnsafe<TicketWithEventRow[]>(
    `${WITH_EVENT} WHERE t.customer_id = $1
      ORDER BY e.starts_at NULLS LAST, t.order_id, t.section, t.row, t.number, t.id`,
    customerId,
  );

/** The ticket, locked for the rest of the transaction so two scans of it serialise. */
export const lockTicket = async (
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
