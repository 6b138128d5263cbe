import type { SqlDb, SqlTx } from "@marquee/events/sql";
import type { OrderCursor } from "../../domain/order-cursor";
import type { OrderStatus } from "../../domain/order-status";
import type { OrderSeat } from "../../domain/order-total";

// Raw SQL, like the consumer's transaction offers; every table is unqualified and the client's
// search_path pins it to bc_ordering.

export type { SqlDb, SqlTx };
export type HoldStatus = "active" | "released" | "expired" | "confirmed" | "confirmation_failed";

export type HoldRow = {
  reservationId: string;
  customerId: string;
  eventId: string;
  currency: string;
  expiresAt: Date;
  status: HoldStatus;
  seats: OrderSeat[];
  /** When the customer extended the hold in inventory; null or absent: not extended. */
  extendedAt?: Date | null;
};

export type OrderRow = {
  id: string;
  customerId: string;
  email: string;
  eventId: string;
  status: OrderStatus;
  totalCents: number;
  currency: string;
  lastPaymentErrorReason: string | null;
  lastPaymentErrorMessage: string | null;
  failedAt: Date | null;
  refundedCents: number;
  createdAt: Date;
  updatedAt: Date;
};

export type ItemRow = HoldRow & { orderId: string; confirmedAt: Date | null };

const HOLD_COLUMNS = `h.reservation_id::text AS "reservationId", h.customer_id AS "customerId",
  h.event_id::text AS "eventId", h.currency, h.expires_at AS "expiresAt", h.status::text AS status, h.seats,
  h.extended_at AS "extendedAt"`;

export const ORDER_COLUMNS = `id::text AS id, customer_id AS "customerId", email, event_id::text AS "eventId",
  status::text AS status, total_cents AS "totalCents", currency,
  last_payment_error_reason AS "lastPaymentErrorReason", last_payment_error_message AS "lastPaymentErrorMessage",
  failed_at AS "failedAt", refunded_cents AS "refundedCents", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Records a hold once; a later copy (event or read-through) leaves the first one alone. */
export const insertHold = async (tx: SqlTx, hold: HoldRow): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO hold_projection (reservation_id, customer_id, event_id, currency, expires_at, status, seats)
     VALUES ($1::uuid, $2, $3::uuid, $4, $5::timestamptz, $6::hold_status, $7::jsonb)
     ON CONFLICT (reservation_id) DO NOTHING`,
    hold.reservationId,
    hold.customerId,
    hold.eventId,
    hold.currency,
    hold.expiresAt,
    hold.status,
    JSON.stringify(hold.seats),
  );
};

/**
 * Gives an active hold its extended end (inventory's reservation-extended); returns false when
 * ordering has never seen it or it is no longer active. Never moves an end earlier.
 */
export const extendHold = async (
  tx: SqlTx,
  reservationId: string,
  expiresAt: Date,
): Promise<boolean> =>
  (await tx.$executeRawUnsafe(
    `UPDATE hold_projection
        SET expires_at = greatest(expires_at, $2::timestamptz), extended_at = coalesce(extended_at, now()),
            updated_at = now()
      WHERE reservation_id = $1::uuid AND status = 'active'`,
    reservationId,
    expiresAt,
  )) > 0;

/** Moves a hold on; returns false when ordering has never seen it. */
export const setHoldStatus = async (
  tx: SqlTx,
  reservationId: string,
  status: HoldStatus,
): Promise<boolean> =>
  (await tx.$executeRawUnsafe(
    `UPDATE hold_projection SET status = $2::hold_status, updated_at = now() WHERE reservation_id = $1::uuid`,
    reservationId,
    status,
  )) > 0;

/**
 * Sets a hold's status and answers the order it is in (null if none): the first step of applying a
 * hold's news to its order. The order is locked first, then the hold: the order every request that
 * changes an order takes its locks in (`lockOrder`, then its holds). Taken the other way round, a
 * released hold's event and the customer's own removal of it from the cart each held one lock and
 * waited for the other, until Postgres broke the deadlock by failing the removal.
 */
export const setHoldStatusOfOrder = async (
  tx: SqlTx,
  reservationId: string,
  status: HoldStatus,
): Promise<string | null> => {
  const [row] = await tx.$queryRawUnsafe<Array<{ orderId: string }>>(
    `SELECT o.id::text AS "orderId"
       FROM customer_order o JOIN order_item i ON i.order_id = o.id
      WHERE i.reservation_id = $1::uuid
        FOR UPDATE OF o`,
    reservationId,
  );
  await setHoldStatus(tx, reservationId, status);
  return row?.orderId ?? null;
};

/**
 * Inventory sold this hold: the hold is confirmed and so is its order line (once), and the answer
 * is the order it is in (null if none), in one statement.
 */
export const confirmHold = async (tx: SqlTx, reservationId: string): Promise<string | null> => {
  const [row] = await tx.$queryRawUnsafe<Array<{ orderId: string | null }>>(
    `WITH changed AS (
       UPDATE hold_projection SET status = 'confirmed', updated_at = now()
        WHERE reservation_id = $1::uuid),
     item AS (
       UPDATE order_item SET confirmed_at = now()
        WHERE reservation_id = $1::uuid AND confirmed_at IS NULL)
     SELECT (SELECT order_id::text FROM order_item WHERE reservation_id = $1::uuid) AS "orderId"`,
    reservationId,
  );
  return row?.orderId ?? null;
};

export const findHold = async (q: SqlTx, reservationId: string): Promise<HoldRow | null> => {
  const [row] = await q.$queryRawUnsafe<HoldRow[]>(
    `SELECT ${HOLD_COLUMNS} FROM hold_projection h WHERE h.reservation_id = $1::uuid`,
    reservationId,
  );
  return row ?? null;
};

/** Locks the hold, so an expiry or release cannot slip in while it is added to a cart. */
export const lockHold = async (tx: SqlTx, reservationId: string): Promise<HoldRow | null> => {
  const [row] = await tx.$queryRawUnsafe<HoldRow[]>(
    `SELECT ${HOLD_COLUMNS} FROM hold_projection h WHERE h.reservation_id = $1::uuid FOR UPDATE`,
    reservationId,
  );
  return row ?? null;
};

export const draftKeyOf = (customerId: string, eventId: string): string =>
  `${customerId}:${eventId}`;

/**
 * The customer's cart for the event, created if there is none, locked for the rest of the
 * transaction. The unique draft_key makes concurrent first adds agree on one cart.
 */
export const lockOrCreateDraft = async (
  tx: SqlTx,
  draft: { id: string; customerId: string; email: string; eventId: string; currency: string },
): Promise<OrderRow> => {
  const key = draftKeyOf(draft.customerId, draft.eventId);
  await tx.$executeRawUnsafe(
    `INSERT INTO customer_order (id, customer_id, email, event_id, status, draft_key, currency)
     VALUES ($1::uuid, $2, $3, $4::uuid, 'draft', $5, $6)
     ON CONFLICT (draft_key) DO NOTHING`,
    draft.id,
    draft.customerId,
    draft.email,
    draft.eventId,
    key,
    draft.currency,
  );
  const [row] = await tx.$queryRawUnsafe<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM customer_order WHERE draft_key = $1 FOR UPDATE`,
    key,
  );
  if (!row) throw new Error(`draft ${key} vanished inside its own transaction`);
  return row;
};

export const findDraft = async (
  q: SqlTx,
  customerId: string,
  eventId: string,
): Promise<OrderRow | null> => {
  const [row] = await q.$queryRawUnsafe<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM customer_order WHERE draft_key = $1`,
    draftKeyOf(customerId, eventId),
  );
  return row ?? null;
};

/**
 * The customer's order for the event that checkout placed and no payment has settled yet
 * (pending, or its last card declined): the newest, or null.
 */
export const findAwaitingPayment = async (
  q: SqlTx,
  customerId: string,
  eventId: string,
): Promise<OrderRow | null> => {
  const [row] = await q.$queryRawUnsafe<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM customer_order
      WHERE customer_id = $1 AND event_id = $2::uuid AND status IN ('pending', 'payment_failed')
      ORDER BY created_at DESC LIMIT 1`,
    customerId,
    eventId,
  );
  return row ?? null;
};

export const findOrder = async (q: SqlTx, orderId: string): Promise<OrderRow | null> => {
  const [row] = await q.$queryRawUnsafe<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM customer_order WHERE id = $1::uuid`,
    orderId,
  );
  return row ?? null;
};

/** Locks the order: every change to an order (request or event) goes through this row lock. */
export const lockOrder = async (tx: SqlTx, orderId: string): Promise<OrderRow | null> => {
  const [row] = await tx.$queryRawUnsafe<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM customer_order WHERE id = $1::uuid FOR UPDATE`,
    orderId,
  );
  return row ?? null;
};

/** The order a hold belongs to, if any. */
export const orderIdOfHold = async (q: SqlTx, reservationId: string): Promise<string | null> => {
  const [row] = await q.$queryRawUnsafe<Array<{ orderId: string }>>(
    `SELECT order_id::text AS "orderId" FROM order_item WHERE reservation_id = $1::uuid`,
    reservationId,
  );
  return row?.orderId ?? null;
};

/** Adds a hold to an order unless it is in one already (this or another). */
export const insertItem = async (
  tx: SqlTx,
  orderId: string,
  reservationId: string,
): Promise<boolean> =>
  (await tx.$executeRawUnsafe(
    `INSERT INTO order_item (reservation_id, order_id) VALUES ($1::uuid, $2::uuid)
     ON CONFLICT (reservation_id) DO NOTHING`,
    reservationId,
    orderId,
  )) > 0;

export const deleteItem = async (
  tx: SqlTx,
  orderId: string,
  reservationId: string,
): Promise<boolean> =>
  (await tx.$executeRawUnsafe(
    `DELETE FROM order_item WHERE order_id = $1::uuid AND reservation_id = $2::uuid`,
    orderId,
    reservationId,
  )) > 0;

/** The holds of these orders with their seats, oldest first. */
export const listItems = (q: SqlTx, orderIds: readonly string[]): PromiseLike<ItemRow[]> =>
  q.$queryRawUnsafe<ItemRow[]>(
    `SELECT ${HOLD_COLUMNS}, i.order_id::text AS "orderId", i.confirmed_at AS "confirmedAt"
       FROM order_item i JOIN hold_projection h ON h.reservation_id = i.reservation_id
      WHERE i.order_id = ANY($1::uuid[])
      ORDER BY i.added_at, i.reservation_id`,
    [...orderIds],
  );

export type OrderChange = {
  status?: OrderStatus;
  email?: string;
  totalCents?: number;
  lastPaymentError?: { reason: string; message: string };
  failed?: true;
  placed?: true;
};

/** Applies a change; leaving `draft` also clears the draft key, so the customer can open a new cart. */
export const updateOrder = async (tx: SqlTx, orderId: string, c: OrderChange): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE customer_order SET
        status = COALESCE($2::order_status, status),
        draft_key = CASE WHEN COALESCE($2::order_status, status) = 'draft' THEN draft_key END,
        email = COALESCE($3, email),
        total_cents = COALESCE($4, total_cents),
        last_payment_error_reason = COALESCE($5, last_payment_error_reason),
        last_payment_error_message = COALESCE($6, last_payment_error_message),
        failed_at = CASE WHEN $7 THEN COALESCE(failed_at, now()) ELSE failed_at END,
        placed_at = CASE WHEN $8 THEN now() ELSE placed_at END,
        updated_at = now()
      WHERE id = $1::uuid`,
    orderId,
    c.status ?? null,
    c.email ?? null,
    c.totalCents ?? null,
    c.lastPaymentError?.reason ?? null,
    c.lastPaymentError?.message ?? null,
    c.failed === true,
    c.placed === true,
  );
};

/** One page of a customer's orders (not carts), newest first, after the cursor. */
export const listPlacedOrders = (
  q: SqlTx,
  customerId: string,
  after: OrderCursor | null,
  limit: number,
): PromiseLike<OrderRow[]> =>
  q.$queryRawUnsafe<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM customer_order
      WHERE customer_id = $1 AND status <> 'draft'
        AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
      ORDER BY created_at DESC, id DESC
      LIMIT $4`,
    customerId,
    after?.createdAt ?? null,
    after?.orderId ?? null,
    limit,
  );

export type SalesRow = {
  ordersConfirmed: number;
  seatsSold: number;
  revenueCents: number;
  currency: string | null;
};

/** Orders of the event whose seats are sold (confirmed or fulfilled), their seats and money. */
export const salesOfEvent = async (q: SqlTx, eventId: string): Promise<SalesRow> => {
  const [row] = await q.$queryRawUnsafe<SalesRow[]>(
    `SELECT count(*)::int AS "ordersConfirmed",
            COALESCE(sum(o.total_cents), 0)::float8 AS "revenueCents",
            COALESCE(sum(s.seats), 0)::int AS "seatsSold",
            min(o.currency) AS currency
       FROM customer_order o
       CROSS JOIN LATERAL (
         SELECT COALESCE(sum(jsonb_array_length(h.seats)), 0) AS seats
           FROM order_item i JOIN hold_projection h ON h.reservation_id = i.reservation_id
          WHERE i.order_id = o.id) s
      WHERE o.event_id = $1::uuid AND o.status IN ('confirmed', 'fulfilled')`,
    eventId,
  );
  return row ?? { ordersConfirmed: 0, seatsSold: 0, revenueCents: 0, currency: null };
};

/** The currency the event's holds are priced in, for an event nobody has bought yet. */
export const currencyOfEvent = async (q: SqlTx, eventId: string): Promise<string | null> => {
  const [row] = await q.$queryRawUnsafe<Array<{ currency: string }>>(
    `SELECT currency FROM hold_projection WHERE event_id = $1::uuid LIMIT 1`,
    eventId,
  );
  return row?.currency ?? null;
};
