import type { SqlDb, SqlTx } from "@marquee/events/sql";
import type { RefundKind } from "@marquee/events/contracts/payment";
import type { CardBrand } from "../../domain/card";

// Raw SQL, like the consumer's transaction offers; every table is unqualified and the client's
// search_path pins it to bc_payment.

export type { SqlDb, SqlTx };
export type OrderStatus = "pending" | "paid" | "cancelled" | "expired";
/** `processing` until the gateway's answer is recorded (pay-order.ts, recover-payments.ts). */
export type PaymentStatus = "processing" | "succeeded" | "failed";

export type OrderRow = {
  orderId: string;
  customerId: string;
  eventId: string;
  totalCents: number;
  currency: string;
  status: OrderStatus;
  reservationIds: string[];
};

export type PaymentRow = {
  id: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
  status: PaymentStatus;
  failureReason: string | null;
  failureMessage: string | null;
  cardBrand: CardBrand;
  cardLast4: string;
  idempotencyKey: string;
  requestHash: string;
  createdAt: Date;
  /** When the gateway's answer was recorded; null while processing. */
  settledAt: Date | null;
};

const ORDER_COLUMNS = `order_id::text AS "orderId", customer_id AS "customerId", event_id::text AS "eventId",
  total_cents AS "totalCents", currency, status::text AS status, reservation_ids::text[] AS "reservationIds"`;

const PAYMENT_COLUMNS = `id::text AS id, order_id::text AS "orderId", customer_id AS "customerId",
  amount_cents AS "amountCents", currency, status::text AS status, failure_reason AS "failureReason",
  failure_message AS "failureMessage", card_brand AS "cardBrand", card_last4 AS "cardLast4",
  idempotency_key AS "idempotencyKey", request_hash AS "requestHash", created_at AS "createdAt",
  settled_at AS "settledAt"`;

/** Records a placed order once; a redelivery or a repeat leaves the first copy alone. */
export const insertPlacedOrder = async (
  tx: SqlTx,
  order: Omit<OrderRow, "status">,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO order_projection (order_id, customer_id, event_id, total_cents, currency, reservation_ids)
     VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6::uuid[])
     ON CONFLICT (order_id) DO NOTHING`,
    order.orderId,
    order.customerId,
    order.eventId,
    order.totalCents,
    order.currency,
    order.reservationIds,
  );
};

/** Closes a pending order; a paid one keeps its status (its money is handled by refunds). */
export const closePendingOrder = (
  tx: SqlTx,
  orderId: string,
  status: "cancelled" | "expired",
): PromiseLike<number> =>
  tx.$executeRawUnsafe(
    `UPDATE order_projection SET status = $2::order_status, updated_at = now()
      WHERE order_id = $1::uuid AND status = 'pending'`,
    orderId,
    status,
  );

/**
 * A pending order is paid. One that ordering closed while its card was being charged keeps its
 * status: payment-succeeded still goes out, and the seats that cannot be sold any more are
 * refunded through inventory's confirmation-failed (refund-order.ts), as for any late payment.
 */
export const markOrderPaid = async (tx: SqlTx, orderId: string): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE order_projection SET status = 'paid', updated_at = now()
      WHERE order_id = $1::uuid AND status = 'pending'`,
    orderId,
  );
};

export const findOrder = async (q: SqlTx, orderId: string): Promise<OrderRow | null> => {
  const [row] = await q.$queryRawUnsafe<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM order_projection WHERE order_id = $1::uuid`,
    orderId,
  );
  return row ?? null;
};

/** Locks the order for the rest of the transaction, so two charges for it cannot overlap. */
export const lockOrder = async (tx: SqlTx, orderId: string): Promise<OrderRow | null> => {
  const [row] = await tx.$queryRawUnsafe<OrderRow[]>(
    `SELECT ${ORDER_COLUMNS} FROM order_projection WHERE order_id = $1::uuid FOR UPDATE`,
    orderId,
  );
  return row ?? null;
};

/**
 * Serialises requests carrying one customer's idempotency key: the second waits for the first to
 * commit and then finds its stored result. The unique (customer_id, idempotency_key) is the backstop.
 */
export const lockIdempotencyKey = async (
  tx: SqlTx,
  customerId: string,
  key: string,
): Promise<void> => {
  await tx.$queryRawUnsafe(
    `SELECT pg_advisory_xact_lock(hashtextextended('payment.idempotency:' || $1 || ':' || $2, 0))::text`,
    customerId,
    key,
  );
};

export const findPaymentByKey = async (
  q: SqlTx,
  customerId: string,
  key: string,
): Promise<PaymentRow | null> => {
  const [row] = await q.$queryRawUnsafe<PaymentRow[]>(
    `SELECT ${PAYMENT_COLUMNS} FROM payment WHERE customer_id = $1 AND idempotency_key = $2`,
    customerId,
    key,
  );
  return row ?? null;
};

export const listPaymentsOfOrder = (q: SqlTx, orderId: string): PromiseLike<PaymentRow[]> =>
  q.$queryRawUnsafe<PaymentRow[]>(
    `SELECT ${PAYMENT_COLUMNS} FROM payment WHERE order_id = $1::uuid ORDER BY created_at, id`,
    orderId,
  );

export const insertPayment = async (tx: SqlTx, p: PaymentRow): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO payment (id, order_id, customer_id, amount_cents, currency, status, failure_reason,
                          failure_message, card_brand, card_last4, idempotency_key, request_hash, created_at,
                          settled_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::payment_status, $7, $8, $9, $10, $11, $12,
             $13::timestamptz, $14::timestamptz)`,
    p.id,
    p.orderId,
    p.customerId,
    p.amountCents,
    p.currency,
    p.status,
    p.failureReason,
    p.failureMessage,
    p.cardBrand,
    p.cardLast4,
    p.idempotencyKey,
    p.requestHash,
    p.createdAt,
    p.settledAt,
  );
};

/** The order's payment still waiting for the gateway's answer, if any (at most one: pay-order.ts). */
export const findProcessingPaymentOfOrder = async (
  tx: SqlTx,
  orderId: string,
): Promise<PaymentRow | null> => {
  const [row] = await tx.$queryRawUnsafe<PaymentRow[]>(
    `SELECT ${PAYMENT_COLUMNS} FROM payment WHERE order_id = $1::uuid AND status = 'processing'`,
    orderId,
  );
  return row ?? null;
};

/**
 * Records the gateway's answer on a payment still processing and returns it; null when someone
 * else (a repeated request, recovery) recorded it first, so only one of them announces it.
 */
export const settlePayment = async (
  tx: SqlTx,
  id: string,
  outcome: Pick<PaymentRow, "status" | "failureReason" | "failureMessage">,
): Promise<PaymentRow | null> => {
  const [row] = await tx.$queryRawUnsafe<PaymentRow[]>(
    `UPDATE payment SET status = $2::payment_status, failure_reason = $3, failure_message = $4,
                        settled_at = now()
      WHERE id = $1::uuid AND status = 'processing'
     RETURNING ${PAYMENT_COLUMNS}`,
    id,
    outcome.status,
    outcome.failureReason,
    outcome.failureMessage,
  );
  return row ?? null;
};

export const findPayment = async (q: SqlTx, id: string): Promise<PaymentRow | null> => {
  const [row] = await q.$queryRawUnsafe<PaymentRow[]>(
    `SELECT ${PAYMENT_COLUMNS} FROM payment WHERE id = $1::uuid`,
    id,
  );
  return row ?? null;
};

/** Payments written before `before` and still processing: their request stopped half-way. */
export const listStalledPayments = (
  q: SqlTx,
  before: Date,
  limit: number,
): PromiseLike<PaymentRow[]> =>
  q.$queryRawUnsafe<PaymentRow[]>(
    `SELECT ${PAYMENT_COLUMNS} FROM payment
      WHERE status = 'processing' AND created_at < $1::timestamptz
      ORDER BY created_at LIMIT $2`,
    before,
    limit,
  );

export type RefundRow = {
  id: string;
  paymentId: string;
  amountCents: number;
  reason: string;
  kind: RefundKind;
  requestedBy: string | null;
  seatIds: string[];
  idempotencyKey: string;
  createdAt: Date;
};

const REFUND_COLUMNS = `r.id::text AS id, r.payment_id::text AS "paymentId", r.amount_cents AS "amountCents",
  r.reason, r.kind, r.requested_by AS "requestedBy", COALESCE(r.seat_ids, '{}')::text[] AS "seatIds",
  r.idempotency_key AS "idempotencyKey", r.created_at AS "createdAt"`;

/**
 * The order's succeeded payment, locked for the rest of the transaction: every refund of it
 * takes this lock first, so their sum is checked and written one refund at a time. There is at
 * most one such payment: the order row is locked for a charge and a paid order refuses more.
 */
export const lockSucceededPaymentOfOrder = async (
  tx: SqlTx,
  orderId: string,
): Promise<PaymentRow | null> => {
  const [row] = await tx.$queryRawUnsafe<PaymentRow[]>(
    `SELECT ${PAYMENT_COLUMNS} FROM payment
      WHERE order_id = $1::uuid AND status = 'succeeded'
      ORDER BY created_at, id LIMIT 1 FOR UPDATE`,
    orderId,
  );
  return row ?? null;
};

/** What the payment's refunds add up to (call with the payment locked). */
export const sumRefundsOfPayment = async (tx: SqlTx, paymentId: string): Promise<number> => {
  const [row] = await tx.$queryRawUnsafe<{ total: number }[]>(
    `SELECT COALESCE(SUM(amount_cents), 0)::int AS total FROM refund WHERE payment_id = $1::uuid`,
    paymentId,
  );
  return row?.total ?? 0;
};

export const findRefundByKey = async (
  tx: SqlTx,
  paymentId: string,
  idempotencyKey: string,
): Promise<RefundRow | null> => {
  const [row] = await tx.$queryRawUnsafe<RefundRow[]>(
    `SELECT ${REFUND_COLUMNS} FROM refund r WHERE r.payment_id = $1::uuid AND r.idempotency_key = $2`,
    paymentId,
    idempotencyKey,
  );
  return row ?? null;
};

/**
 * Writes the refund unless the payment already has one under this key ((payment_id,
 * idempotency_key) is unique). Returns whether this call wrote it.
 */
export const insertRefundOnce = async (tx: SqlTx, r: RefundRow): Promise<boolean> => {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO refund (id, payment_id, amount_cents, reason, kind, requested_by, seat_ids, idempotency_key, created_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::uuid[], $8, $9::timestamptz)
     ON CONFLICT (payment_id, idempotency_key) DO NOTHING`,
    r.id,
    r.paymentId,
    r.amountCents,
    r.reason,
    r.kind,
    r.requestedBy,
    r.seatIds,
    r.idempotencyKey,
    r.createdAt,
  );
  return inserted > 0;
};

export const listRefundsOfOrder = (q: SqlTx, orderId: string): PromiseLike<RefundRow[]> =>
  q.$queryRawUnsafe<RefundRow[]>(
    `SELECT ${REFUND_COLUMNS} FROM refund r JOIN payment p ON p.id = r.payment_id
      WHERE p.order_id = $1::uuid ORDER BY r.created_at, r.id`,
    orderId,
  );
