import type { RefundedSeatsTo, RefundKind } from "@marquee/events/contracts/payment";
import type { OrderStatus } from "../../domain/order-status";
import { ORDER_COLUMNS, type OrderRow, type SqlTx } from "./ordering-store";

// Raw SQL for refunds and the events ordering follows; search_path pins it to bc_ordering.

export type RefundRequestRow = {
  id: string;
  orderId: string;
  eventId: string;
  kind: Exclude<RefundKind, "seats-unavailable">;
  amountCents: number | null;
  seatIds: string[];
  seatsTo: RefundedSeatsTo;
  reason: string;
  requestedBy: string;
  status: "requested" | "refunded" | "refused";
  /** Payment's reason, when it refused. */
  refusal: string | null;
  refundId: string | null;
  refundedCents: number | null;
  createdAt: Date;
  refundedAt: Date | null;
};

const REQUEST_COLUMNS = `id::text AS id, order_id::text AS "orderId", event_id::text AS "eventId", kind,
  amount_cents AS "amountCents", COALESCE(seat_ids, '{}')::text[] AS "seatIds", seats_to AS "seatsTo",
  reason, requested_by AS "requestedBy", status, refusal, refund_id::text AS "refundId",
  refunded_cents AS "refundedCents", created_at AS "createdAt", refunded_at AS "refundedAt"`;

/** Records catalog's status of an event; the first cancellation's time is kept. */
export const upsertEventState = async (
  tx: SqlTx,
  eventId: string,
  status: string,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO event_state (event_id, status, cancelled_at)
     VALUES ($1::uuid, $2, CASE WHEN $2 = 'cancelled' THEN now() END)
     ON CONFLICT (event_id) DO UPDATE SET
       status = CASE WHEN event_state.status = 'cancelled' THEN 'cancelled' ELSE EXCLUDED.status END,
       cancelled_at = COALESCE(event_state.cancelled_at, EXCLUDED.cancelled_at),
       updated_at = now()`,
    eventId,
    status,
  );
};

/** An event's start, time zone and buyers' cancellation policy, from catalog's events. */
export type EventTerms = {
  startsAt: Date;
  timeZone: string;
  cancellation: {
    allowed: boolean;
    hoursBefore: number;
    feeCents: number | null;
    feeBasisPoints: number | null;
  };
};

/** Records what catalog announced of an event (published or updated) along with its status. */
export const upsertEventTerms = async (
  tx: SqlTx,
  eventId: string,
  status: string,
  terms: EventTerms,
): Promise<void> => {
  const { cancellation: c } = terms;
  await tx.$executeRawUnsafe(
    `INSERT INTO event_state (event_id, status, cancelled_at, starts_at, time_zone,
       cancellation_allowed, cancellation_hours_before, cancellation_fee_cents, cancellation_fee_basis_points)
     VALUES ($1::uuid, $2, CASE WHEN $2 = 'cancelled' THEN now() END, $3::timestamptz, $4, $5, $6, $7, $8)
     ON CONFLICT (event_id) DO UPDATE SET
       status = CASE WHEN event_state.status = 'cancelled' THEN 'cancelled' ELSE EXCLUDED.status END,
       cancelled_at = COALESCE(event_state.cancelled_at, EXCLUDED.cancelled_at),
       starts_at = EXCLUDED.starts_at,
       time_zone = EXCLUDED.time_zone,
       cancellation_allowed = EXCLUDED.cancellation_allowed,
       cancellation_hours_before = EXCLUDED.cancellation_hours_before,
       cancellation_fee_cents = EXCLUDED.cancellation_fee_cents,
       cancellation_fee_basis_points = EXCLUDED.cancellation_fee_basis_points,
       updated_at = now()`,
    eventId,
    status,
    terms.startsAt,
    terms.timeZone,
    c.allowed,
    c.hoursBefore,
    c.feeCents,
    c.feeBasisPoints,
  );
};

export type EventPolicyRow = {
  status: string;
  startsAt: Date | null;
  timeZone: string | null;
  allowed: boolean;
  hoursBefore: number;
  feeCents: number | null;
  feeBasisPoints: number | null;
};

/** The event's status, start and cancellation policy as ordering last heard them. */
export const findEventPolicy = async (
  q: SqlTx,
  eventId: string,
): Promise<EventPolicyRow | null> => {
  const [row] = await q.$queryRawUnsafe<EventPolicyRow[]>(
    `SELECT status, starts_at AS "startsAt", time_zone AS "timeZone",
            cancellation_allowed AS allowed, cancellation_hours_before AS "hoursBefore",
            cancellation_fee_cents AS "feeCents", cancellation_fee_basis_points AS "feeBasisPoints"
       FROM event_state WHERE event_id = $1::uuid`,
    eventId,
  );
  return row ?? null;
};

export const findRefundRequest = async (
  q: SqlTx,
  requestId: string,
): Promise<RefundRequestRow | null> => {
  const [row] = await q.$queryRawUnsafe<RefundRequestRow[]>(
    `SELECT ${REQUEST_COLUMNS} FROM refund_request WHERE id = $1::uuid`,
    requestId,
  );
  return row ?? null;
};

export const findEventState = async (
  q: SqlTx,
  eventId: string,
): Promise<{ status: string; cancelledAt: Date | null } | null> => {
  const [row] = await q.$queryRawUnsafe<Array<{ status: string; cancelledAt: Date | null }>>(
    `SELECT status, cancelled_at AS "cancelledAt" FROM event_state WHERE event_id = $1::uuid`,
    eventId,
  );
  return row ?? null;
};

/** The ids of the event's orders in these statuses, in a stable order (locks are taken in it). */
export const listOrderIdsOfEvent = async (
  q: SqlTx,
  eventId: string,
  statuses: readonly OrderStatus[],
): Promise<string[]> =>
  (
    await q.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT id::text AS id FROM customer_order
        WHERE event_id = $1::uuid AND status = ANY($2::order_status[])
        ORDER BY id`,
      eventId,
      [...statuses],
    )
  ).map((r) => r.id);

/** Writes the request unless one with its id exists; returns whether this call wrote it. */
export const insertRefundRequest = async (
  tx: SqlTx,
  r: Omit<
    RefundRequestRow,
    "status" | "refusal" | "refundId" | "refundedCents" | "createdAt" | "refundedAt"
  >,
): Promise<boolean> =>
  (await tx.$executeRawUnsafe(
    `INSERT INTO refund_request (id, order_id, event_id, kind, amount_cents, seat_ids, seats_to, reason, requested_by)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6::uuid[], $7, $8, $9)
     ON CONFLICT (id) DO NOTHING`,
    r.id,
    r.orderId,
    r.eventId,
    r.kind,
    r.amountCents,
    r.seatIds,
    r.seatsTo,
    r.reason,
    r.requestedBy,
  )) > 0;

export const markRefundRequestRefunded = async (
  tx: SqlTx,
  requestId: string,
  refund: { refundId: string; amountCents: number },
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE refund_request SET status = 'refunded', refund_id = $2::uuid, refunded_cents = $3,
            refunded_at = now()
      WHERE id = $1::uuid AND status = 'requested'`,
    requestId,
    refund.refundId,
    refund.amountCents,
  );
};

/** Payment will not make this refund: the request is answered, with payment's reason. */
export const markRefundRequestRefused = async (
  tx: SqlTx,
  requestId: string,
  refusal: string,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE refund_request SET status = 'refused', refusal = $2
      WHERE id = $1::uuid AND status = 'requested'`,
    requestId,
    refusal,
  );
};

/** Raises the order's refunded total to what payment reports (never lowers it: events may race). */
export const recordRefundedTotal = async (
  tx: SqlTx,
  orderId: string,
  refundedCents: number,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE customer_order SET refunded_cents = GREATEST(refunded_cents, $2), updated_at = now()
      WHERE id = $1::uuid`,
    orderId,
    refundedCents,
  );
};

export const listRefundRequestsOfOrders = (
  q: SqlTx,
  orderIds: readonly string[],
): PromiseLike<RefundRequestRow[]> =>
  q.$queryRawUnsafe<RefundRequestRow[]>(
    `SELECT ${REQUEST_COLUMNS} FROM refund_request WHERE order_id = ANY($1::uuid[])
      ORDER BY created_at, id`,
    [...orderIds],
  );

export type CancellationCounts = {
  ordersToRefund: number;
  ordersRefunded: number;
  /** Refunds payment would not make (an order that took no payment, nothing left to give back). */
  ordersRefused: number;
  refundedCents: number;
  openOrders: number;
  /** The currency the event's orders are in; null before anyone ordered. */
  currency: string | null;
};

/**
 * Where an event's cancellation stands: the orders it asked payment to refund and how many
 * payment has answered, the money given back, and the carts and unpaid orders still open.
 */
export const cancellationCountsOfEvent = async (
  q: SqlTx,
  eventId: string,
): Promise<CancellationCounts> => {
  const [row] = await q.$queryRawUnsafe<CancellationCounts[]>(
    `SELECT
       (SELECT count(*)::int FROM refund_request r
         WHERE r.event_id = $1::uuid AND r.kind = 'event-cancelled') AS "ordersToRefund",
       (SELECT count(*)::int FROM refund_request r
         WHERE r.event_id = $1::uuid AND r.kind = 'event-cancelled' AND r.status = 'refunded') AS "ordersRefunded",
       (SELECT count(*)::int FROM refund_request r
         WHERE r.event_id = $1::uuid AND r.kind = 'event-cancelled' AND r.status = 'refused') AS "ordersRefused",
       (SELECT COALESCE(sum(r.refunded_cents), 0)::int FROM refund_request r
         WHERE r.event_id = $1::uuid AND r.kind = 'event-cancelled') AS "refundedCents",
       (SELECT count(*)::int FROM customer_order o
         WHERE o.event_id = $1::uuid AND o.status IN ('draft', 'pending', 'payment_failed')) AS "openOrders",
       (SELECT min(o.currency) FROM customer_order o WHERE o.event_id = $1::uuid) AS currency`,
    eventId,
  );
  return (
    row ?? {
      ordersToRefund: 0,
      ordersRefunded: 0,
      ordersRefused: 0,
      refundedCents: 0,
      openOrders: 0,
      currency: null,
    }
  );
};

/** The event's orders that took money (newest first, at most `limit`): what an organizer refunds. */
export const listPaidOrdersOfEvent = (
  q: SqlTx,
  eventId: string,
  limit: number,
): PromiseLike<OrderRow[]> =>
  q.$queryRawUnsafe<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM customer_order
      WHERE event_id = $1::uuid AND status IN ('paid', 'confirmed', 'fulfilled', 'refunded')
      ORDER BY created_at DESC, id DESC LIMIT $2`,
    eventId,
    limit,
  );
