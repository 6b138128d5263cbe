import type { SqlDb, SqlTx } from "@marquee/events/sql";
import type { SeatState, StockedSeat } from "../../domain/hold-rules";

// Raw SQL on purpose: the seat guard is one conditional UPDATE whose row count decides the race,
// and the same functions run inside the event consumer's transaction, which only offers raw SQL.
// Every table is unqualified; the client's search_path pins it to this service's schema.

export type { SqlDb, SqlTx };
export type ReservationStatus = "active" | "released" | "expired" | "confirmed";

export type ReservationRow = {
  id: string;
  eventId: string;
  customerId: string;
  status: ReservationStatus;
  currency: string;
  expiresAt: Date;
  createdAt: Date;
  orderId: string | null;
  /** Pinned for a payment right now (`pinned_until` is still ahead): neither expired nor released. */
  pinned: boolean;
};

export type ReservationSeatRow = StockedSeat & { reservationId: string; heldPriceCents: number };

const SEAT_COLUMNS = `s.id::text AS "id", s.event_id::text AS "eventId", s.section, s.row, s.number,
  s.price_cents AS "priceCents", s.currency, s.state::text AS "state"`;

const RESERVATION_COLUMNS = `r.id::text AS "id", r.event_id::text AS "eventId",
  r.customer_id AS "customerId", r.status::text AS "status", r.currency, r.expires_at AS "expiresAt",
  r.created_at AS "createdAt", r.order_id::text AS "orderId",
  coalesce(r.pinned_until > now(), false) AS "pinned"`;

/** Locks one reservation row for the rest of the transaction; null when it does not exist. */
export const lockReservation = async (tx: SqlTx, id: string): Promise<ReservationRow | null> => {
  const [row] = await tx.$queryRawUnsafe<ReservationRow[]>(
    `SELECT ${RESERVATION_COLUMNS} FROM reservation r WHERE r.id = $1::uuid FOR UPDATE`,
    id,
  );
  return row ?? null;
};

/**
 * Locks these reservation rows (in id order, so concurrent callers never deadlock) and reads each
 * one's seat ids with it, in one statement; ids that do not exist are missing from the result.
 */
export const lockReservationsWithSeats = (
  tx: SqlTx,
  ids: readonly string[],
): PromiseLike<Array<ReservationRow & { seatIds: string[] }>> =>
  tx.$queryRawUnsafe(
    `SELECT ${RESERVATION_COLUMNS},
            ARRAY(SELECT rs.seat_id::text FROM reservation_seat rs
                   WHERE rs.reservation_id = r.id ORDER BY rs.seat_id) AS "seatIds"
       FROM reservation r WHERE r.id = ANY($1::uuid[]) ORDER BY r.id FOR UPDATE OF r`,
    [...ids],
  );

/**
 * Picks up to `limit` active holds past their time, skipping those another worker is handling and
 * those pinned for a payment (the payment decides them; once the pin lapses they are due again).
 */
export const pickExpiredReservations = (tx: SqlTx, limit: number): PromiseLike<ReservationRow[]> =>
  tx.$queryRawUnsafe<ReservationRow[]>(
    `SELECT ${RESERVATION_COLUMNS} FROM reservation r
      WHERE r.status = 'active' AND r.expires_at <= now()
        AND (r.pinned_until IS NULL OR r.pinned_until <= now())
      ORDER BY r.expires_at
      LIMIT $1
      FOR UPDATE SKIP LOCKED`,
    limit,
  );

/** A hold as a pin sees it, locked: whose it is, and whether it is still live. */
export type PinCandidateRow = {
  id: string;
  customerId: string;
  status: ReservationStatus;
  /** `expires_at > now()`: the hold's own time has not run out. */
  live: boolean;
};

/**
 * Locks these reservation rows in id order (like every other writer of several holds, so no
 * deadlocks) for a pin; ids that do not exist are missing from the result.
 */
export const lockReservationsForPin = (
  tx: SqlTx,
  ids: readonly string[],
): PromiseLike<PinCandidateRow[]> =>
  tx.$queryRawUnsafe(
    `SELECT r.id::text AS "id", r.customer_id AS "customerId", r.status::text AS "status",
            r.expires_at > now() AS "live"
       FROM reservation r WHERE r.id = ANY($1::uuid[]) ORDER BY r.id FOR UPDATE`,
    [...ids],
  );

/**
 * Pins these (locked) holds for a payment until `now() + pinMs`, replacing any earlier pin;
 * returns the earliest `pinned_until` written.
 */
export const pinReservations = async (
  tx: SqlTx,
  ids: readonly string[],
  paymentId: string,
  pinMs: number,
): Promise<Date> => {
  const [row] = await tx.$queryRawUnsafe<Array<{ pinnedUntil: Date | null }>>(
    `WITH pinned AS (
       UPDATE reservation
          SET pinned_payment_id = $2::uuid,
              pinned_until = now() + make_interval(secs => $3::double precision / 1000)
        WHERE id = ANY($1::uuid[])
       RETURNING pinned_until)
     SELECT min(pinned_until) AS "pinnedUntil" FROM pinned`,
    [...ids],
    paymentId,
    pinMs,
  );
  if (!row?.pinnedUntil) throw new Error(`pin for payment ${paymentId} wrote no reservation`);
  return row.pinnedUntil;
};

/** A hold as an extension sees it, locked: whose, whether live, pinned or extended, and by how much it may be. */
export type ExtensionCandidateRow = {
  id: string;
  eventId: string;
  customerId: string;
  status: ReservationStatus;
  /** `expires_at > now()`: the hold's own time has not run out. */
  live: boolean;
  pinned: boolean;
  extendedAt: Date | null;
  /** Catalog's `holdExtensionMinutes` for the hold's event (0 when it allows none or is unknown). */
  extensionMinutes: number;
};

/**
 * Locks these reservation rows in id order (like every other writer of several holds, so no
 * deadlocks) for an extension, with their event's extension setting; ids that do not exist are
 * missing from the result.
 */
export const lockReservationsForExtension = (
  tx: SqlTx,
  ids: readonly string[],
): PromiseLike<ExtensionCandidateRow[]> =>
  tx.$queryRawUnsafe(
    `SELECT r.id::text AS "id", r.event_id::text AS "eventId", r.customer_id AS "customerId",
            r.status::text AS "status", r.expires_at > now() AS "live",
            coalesce(r.pinned_until > now(), false) AS "pinned", r.extended_at AS "extendedAt",
            coalesce(es.hold_extension_minutes, 0) AS "extensionMinutes"
       FROM reservation r LEFT JOIN event_settings es ON es.event_id = r.event_id
      WHERE r.id = ANY($1::uuid[]) ORDER BY r.id FOR UPDATE OF r`,
    [...ids],
  );

/**
 * Extends these (locked) holds by their event's minutes, once: the conditional UPDATE is the
 * guard (still active, not past its time, never extended), so a hold is extended at most once
 * whatever races it. Returns the holds it extended with their new expiry.
 */
export const extendReservations = (
  tx: SqlTx,
  ids: readonly string[],
): PromiseLike<Array<{ id: string; expiresAt: Date }>> =>
  tx.$queryRawUnsafe(
    `UPDATE reservation r
        SET expires_at = r.expires_at + make_interval(mins => es.hold_extension_minutes),
            extended_at = now()
       FROM event_settings es
      WHERE r.id = ANY($1::uuid[]) AND es.event_id = r.event_id AND es.hold_extension_minutes > 0
        AND r.status = 'active' AND r.expires_at > now() AND r.extended_at IS NULL
      RETURNING r.id::text AS "id", r.expires_at AS "expiresAt"`,
    [...ids],
  );

/** Lifts the pins of one payment (it failed); returns how many holds it had pinned. */
export const unpinReservationsOf = (tx: SqlTx, paymentId: string): PromiseLike<number> =>
  tx.$executeRawUnsafe(
    `UPDATE reservation SET pinned_payment_id = NULL, pinned_until = NULL
      WHERE pinned_payment_id = $1::uuid`,
    paymentId,
  );

export const seatIdsOf = async (
  q: SqlTx,
  reservationIds: readonly string[],
): Promise<Map<string, string[]>> => {
  const rows = await q.$queryRawUnsafe<Array<{ reservationId: string; seatId: string }>>(
    `SELECT reservation_id::text AS "reservationId", seat_id::text AS "seatId"
       FROM reservation_seat WHERE reservation_id = ANY($1::uuid[]) ORDER BY seat_id`,
    [...reservationIds],
  );
  const bySeat = new Map<string, string[]>();
  for (const row of rows) {
    bySeat.set(row.reservationId, [...(bySeat.get(row.reservationId) ?? []), row.seatId]);
  }
  return bySeat;
};

export const closeReservations = async (
  tx: SqlTx,
  ids: readonly string[],
  status: Exclude<ReservationStatus, "active">,
  orderId: string | null = null,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE reservation SET status = $2::reservation_status, closed_at = now(),
            order_id = COALESCE($3::uuid, order_id)
      WHERE id = ANY($1::uuid[])`,
    [...ids],
    status,
    orderId,
  );
};

/** Frees the seats these holds still have; a seat that has moved on to another hold is left alone. */
export const freeHeldSeats = async (
  tx: SqlTx,
  reservationIds: readonly string[],
): Promise<number> =>
  tx.$executeRawUnsafe(
    `UPDATE seat SET state = 'available', reservation_id = NULL, version = version + 1, updated_at = now()
      WHERE reservation_id = ANY($1::uuid[]) AND state = 'held'`,
    [...reservationIds],
  );

/** Held → sold for the seats this hold still has; returns how many were sold. */
/**
 * Sells a locked hold's seats (held → sold) and closes it as confirmed for the order, in one
 * statement (it runs once per paid hold on the way from pay to confirmed); returns how many seats
 * were sold.
 */
export const sellHoldAndClose = async (
  tx: SqlTx,
  reservationId: string,
  orderId: string,
): Promise<number> => {
  const [row] = await tx.$queryRawUnsafe<Array<{ sold: number }>>(
    `WITH sold AS (
       UPDATE seat SET state = 'sold', version = version + 1, updated_at = now()
        WHERE reservation_id = $1::uuid AND state = 'held' RETURNING 1),
     closed AS (
       UPDATE reservation SET status = 'confirmed', closed_at = now(), order_id = $2::uuid
        WHERE id = $1::uuid RETURNING 1)
     SELECT (SELECT count(*) FROM sold)::int AS sold, (SELECT count(*) FROM closed)::int AS closed`,
    reservationId,
    orderId,
  );
  return row?.sold ?? 0;
};

/**
 * Sold → available for these seats, if they are still sold to one of the order's reservations
 * (a refund put them back on sale). A repeat finds them no longer sold and changes nothing, so a
 * seat goes back on sale once and is then sold again only through a new hold. Returns what moved.
 */
export const returnSoldSeats = (
  tx: SqlTx,
  orderId: string,
  seatIds: readonly string[],
): PromiseLike<Array<{ seatId: string; reservationId: string; eventId: string }>> =>
  tx.$queryRawUnsafe(
    `WITH sold AS (
       SELECT s.id, s.reservation_id FROM seat s JOIN reservation r ON r.id = s.reservation_id
        WHERE s.id = ANY($2::uuid[]) AND s.state = 'sold' AND r.order_id = $1::uuid
        ORDER BY s.id FOR UPDATE OF s)
     UPDATE seat SET state = 'available', reservation_id = NULL, version = version + 1, updated_at = now()
       FROM sold WHERE seat.id = sold.id
     RETURNING seat.id::text AS "seatId", sold.reservation_id::text AS "reservationId",
               seat.event_id::text AS "eventId"`,
    orderId,
    [...seatIds],
  );

/** Locks seats (in id order, like every other writer) and reports who has them now. */
export const lockSeats = (
  tx: SqlTx,
  seatIds: readonly string[],
): PromiseLike<Array<{ id: string; state: SeatState; reservationId: string | null }>> =>
  tx.$queryRawUnsafe(
    `SELECT id::text AS id, state::text AS state, reservation_id::text AS "reservationId"
       FROM seat WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [...seatIds],
  );

/** Sells free seats straight to a reservation whose hold lapsed before payment arrived. */
export const sellAvailableSeats = async (
  tx: SqlTx,
  reservationId: string,
  seatIds: readonly string[],
): Promise<number> =>
  tx.$executeRawUnsafe(
    `UPDATE seat SET state = 'sold', reservation_id = $1::uuid, version = version + 1, updated_at = now()
      WHERE id = ANY($2::uuid[]) AND state = 'available'`,
    reservationId,
    [...seatIds],
  );

export type NewSeat = {
  seatId: string;
  section: string;
  row: string;
  number: number;
  priceCents: number;
  /** A wheelchair space (catalog's `accessible`). */
  accessible: boolean;
};

/** Creates stock for seats not seen before; a redelivered or repeated chunk changes nothing. */
export const insertSeatStock = async (
  tx: SqlTx,
  eventId: string,
  currency: string,
  seats: readonly NewSeat[],
): Promise<number> =>
  tx.$executeRawUnsafe(
    `INSERT INTO seat (id, event_id, section, row, number, price_cents, currency, accessible)
     SELECT id, $1::uuid, section, row, number, price_cents, $2, accessible
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::int[], $7::int[], $8::boolean[])
            AS t(id, section, row, number, price_cents, accessible)
     ON CONFLICT (id) DO NOTHING`,
    eventId,
    currency,
    seats.map((seat) => seat.seatId),
    seats.map((seat) => seat.section),
    seats.map((seat) => seat.row),
    seats.map((seat) => seat.number),
    seats.map((seat) => seat.priceCents),
    seats.map((seat) => seat.accessible),
  );

/** Records catalog's status of an event: cancelled from the first cancellation, or on sale. */
export const markEventCancelled = async (
  tx: SqlTx,
  eventId: string,
  cancelled: boolean,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE event_settings
        SET cancelled_at = CASE WHEN $2 THEN coalesce(cancelled_at, now()) END, updated_at = now()
      WHERE event_id = $1::uuid`,
    eventId,
    cancelled,
  );
};

/** Records catalog's hold extension for the event (the row exists: its TTL came first). */
export const recordHoldExtension = async (
  tx: SqlTx,
  eventId: string,
  minutes: number,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE event_settings SET hold_extension_minutes = $2, updated_at = now() WHERE event_id = $1::uuid`,
    eventId,
    minutes,
  );
};

export const upsertHoldTtl = async (
  tx: SqlTx,
  eventId: string,
  ttlSeconds: number,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO event_settings (event_id, hold_ttl_seconds) VALUES ($1::uuid, $2)
     ON CONFLICT (event_id) DO UPDATE SET hold_ttl_seconds = EXCLUDED.hold_ttl_seconds, updated_at = now()`,
    eventId,
    ttlSeconds,
  );
};

export type AvailabilityRow = { state: SeatState; seatIds: string[]; count: number };

export const seatStatesOf = (q: SqlTx, eventId: string): PromiseLike<AvailabilityRow[]> =>
  q.$queryRawUnsafe<AvailabilityRow[]>(
    `SELECT state::text AS state,
            CASE WHEN state = 'available' THEN ARRAY[]::text[] ELSE array_agg(id::text ORDER BY id) END AS "seatIds",
            count(*)::int AS count
       FROM seat WHERE event_id = $1::uuid GROUP BY state`,
    eventId,
  );

/** The held seats (with the prices they were held at) of each reservation. */
const withHeldSeats = async (
  q: SqlTx,
  reservations: ReservationRow[],
): Promise<Array<ReservationRow & { seats: ReservationSeatRow[] }>> => {
  if (reservations.length === 0) return [];
  const seats = await q.$queryRawUnsafe<ReservationSeatRow[]>(
    `SELECT ${SEAT_COLUMNS}, rs.reservation_id::text AS "reservationId", rs.price_cents AS "heldPriceCents"
       FROM reservation_seat rs JOIN seat s ON s.id = rs.seat_id
      WHERE rs.reservation_id = ANY($1::uuid[])
      ORDER BY s.section, s.row, s.number`,
    reservations.map((r) => r.id),
  );
  return reservations.map((r) => ({ ...r, seats: seats.filter((s) => s.reservationId === r.id) }));
};

/** A customer's holds (newest first) with the seats and prices they were held at. */
export const listReservations = async (
  q: SqlTx,
  customerId: string,
  eventId: string | null,
  limit: number,
): Promise<Array<ReservationRow & { seats: ReservationSeatRow[] }>> => {
  const reservations = await q.$queryRawUnsafe<ReservationRow[]>(
    `SELECT ${RESERVATION_COLUMNS} FROM reservation r
      WHERE r.customer_id = $1 AND ($2::uuid IS NULL OR r.event_id = $2::uuid)
      ORDER BY r.created_at DESC LIMIT $3`,
    customerId,
    eventId,
    limit,
  );
  return withHeldSeats(q, reservations);
};

/** One hold with the seats and prices it was held at; null when there is no such hold. */
export const findReservation = async (
  q: SqlTx,
  id: string,
): Promise<(ReservationRow & { seats: ReservationSeatRow[] }) | null> => {
  const reservations = await q.$queryRawUnsafe<ReservationRow[]>(
    `SELECT ${RESERVATION_COLUMNS} FROM reservation r WHERE r.id = $1::uuid`,
    id,
  );
  const [found] = await withHeldSeats(q, reservations);
  return found ?? null;
};
