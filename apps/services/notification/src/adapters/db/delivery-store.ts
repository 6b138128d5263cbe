import type { SqlDb, SqlTx } from "@marquee/events/sql";
import { traceHeaders } from "@marquee/events/trace-context";
import type { DeliveryKind, DeliveryStatus } from "../../domain/delivery";

// Raw SQL, like the consumer's transaction offers; every table is unqualified and the client's
// search_path pins it to bc_notification.

export type { SqlDb, SqlTx };

export type OrderContactRow = {
  orderId: string;
  customerId: string;
  email: string;
  eventId: string;
};

export type DeliveryRow = {
  id: string;
  dedupeKey: string;
  /** Null for an account's email (verification), which belongs to no order. */
  orderId: string | null;
  customerId: string;
  kind: DeliveryKind;
  toAddress: string;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  messageId: string | null;
  sentAt: Date | null;
  createdAt: Date;
  /** The trace context of the event that queued it (`traceparent`), `{}` when none was traced. */
  traceHeaders: Record<string, string>;
};

const DELIVERY_COLUMNS = `id::text AS id, dedupe_key AS "dedupeKey", order_id::text AS "orderId",
  customer_id AS "customerId", kind, to_address AS "toAddress", payload, status, attempts,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", message_id AS "messageId",
  sent_at AS "sentAt", created_at AS "createdAt", trace_headers AS "traceHeaders"`;

/** Every ordering event names the order's customer and address; the latest one wins. */
export const upsertOrderContact = async (tx: SqlTx, c: OrderContactRow): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO order_contact (order_id, customer_id, email, event_id, updated_at)
     VALUES ($1::uuid, $2, $3, $4::uuid, now())
     ON CONFLICT (order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id,
       email = EXCLUDED.email, event_id = EXCLUDED.event_id, updated_at = now()`,
    c.orderId,
    c.customerId,
    c.email,
    c.eventId,
  );
};

export const findOrderContact = async (
  q: SqlTx,
  orderId: string,
): Promise<OrderContactRow | null> => {
  const [row] = await q.$queryRawUnsafe<OrderContactRow[]>(
    `SELECT order_id::text AS "orderId", customer_id AS "customerId", email, event_id::text AS "eventId"
       FROM order_contact WHERE order_id = $1::uuid`,
    orderId,
  );
  return row ?? null;
};

/** The event's name as the order's tickets email printed it, if notification queued one. */
export const findEventNameOfOrder = async (q: SqlTx, orderId: string): Promise<string | null> => {
  const [row] = await q.$queryRawUnsafe<Array<{ name: string | null }>>(
    `SELECT payload->'event'->>'name' AS name FROM delivery
      WHERE order_id = $1::uuid AND kind = 'tickets' LIMIT 1`,
    orderId,
  );
  return row?.name ?? null;
};

/** identity.email-verified: the account's address is proven (the latest address wins). */
export const upsertVerifiedAccount = async (
  tx: SqlTx,
  a: { userId: string; email: string; verifiedAt: string },
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `INSERT INTO verified_account (user_id, email, verified_at)
     VALUES ($1::uuid, $2, $3::timestamptz)
     ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, verified_at = EXCLUDED.verified_at`,
    a.userId,
    a.email,
    a.verifiedAt,
  );
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `customerId` is an account that proved `email` (guests, with their own ids, never are). */
export const isVerifiedAddress = async (
  q: SqlTx,
  customerId: string,
  email: string,
): Promise<boolean> => {
  if (!UUID.test(customerId)) return false;
  const rows = await q.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM verified_account WHERE user_id = $1::uuid AND lower(email) = lower($2)`,
    customerId,
    email,
  );
  return rows.length > 0;
};

/** Queues an email unless one with the same dedupe key exists. Returns whether this call queued it. */
export const insertDeliveryOnce = async (
  tx: SqlTx,
  d: Pick<
    DeliveryRow,
    "id" | "dedupeKey" | "orderId" | "customerId" | "kind" | "toAddress" | "payload"
  >,
): Promise<boolean> => {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO delivery (id, dedupe_key, order_id, customer_id, kind, to_address, payload,
       trace_headers)
     VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, $7::jsonb, $8::jsonb)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    d.id,
    d.dedupeKey,
    d.orderId,
    d.customerId,
    d.kind,
    d.toAddress,
    JSON.stringify(d.payload),
    // The consumer's span is active here: the email's send continues its trace.
    JSON.stringify(traceHeaders()),
  );
  return inserted > 0;
};

/**
 * Keeps a refund email whose order's address is not known yet, with the refund event's trace
 * context; a repeat of the same email keeps nothing more. Returns whether this call kept it.
 */
export const insertRefundAwaitingAddress = async (
  tx: SqlTx,
  r: Pick<DeliveryRow, "dedupeKey" | "customerId" | "payload"> & { orderId: string },
): Promise<boolean> => {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO refund_awaiting_address (dedupe_key, order_id, customer_id, payload, trace_headers)
     VALUES ($1, $2::uuid, $3, $4::jsonb, $5::jsonb)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    r.dedupeKey,
    r.orderId,
    r.customerId,
    JSON.stringify(r.payload),
    JSON.stringify(traceHeaders()),
  );
  return inserted > 0;
};

/**
 * Queues every waiting refund email whose order's address has arrived since, to that address, and
 * stops keeping it; one statement, so replicas doing the same at once queue each email once.
 * Returns how many were queued.
 */
export const queueRefundsNowAddressed = async (q: SqlTx): Promise<number> =>
  q.$executeRawUnsafe(
    `WITH addressed AS (
       DELETE FROM refund_awaiting_address r USING order_contact c
        WHERE c.order_id = r.order_id
       RETURNING r.dedupe_key, r.order_id, r.customer_id, r.payload, r.trace_headers, c.email)
     INSERT INTO delivery (id, dedupe_key, order_id, customer_id, kind, to_address, payload,
       trace_headers)
     SELECT gen_random_uuid(), dedupe_key, order_id, customer_id, 'refund', email, payload,
       trace_headers
       FROM addressed
     ON CONFLICT (dedupe_key) DO NOTHING`,
  );

/**
 * The next due email, locked for the rest of the transaction; other senders skip it, so one
 * email is in one sender's hands at a time.
 */
export const lockNextDueDelivery = async (tx: SqlTx): Promise<DeliveryRow | null> => {
  const [row] = await tx.$queryRawUnsafe<DeliveryRow[]>(
    `SELECT ${DELIVERY_COLUMNS} FROM delivery
      WHERE status = 'pending' AND next_attempt_at <= now()
      ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
  );
  return row ?? null;
};

export const markDeliverySent = async (
  tx: SqlTx,
  id: string,
  messageId: string,
  sentAt: Date,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE delivery SET status = 'sent', attempts = attempts + 1, message_id = $2,
       sent_at = $3::timestamptz, last_error = NULL
      WHERE id = $1::uuid`,
    id,
    messageId,
    sentAt,
  );
};

/** Records a failed attempt: tried again after `retryInMs`, or marked failed when that is null. */
export const recordFailedAttempt = async (
  tx: SqlTx,
  id: string,
  error: string,
  retryInMs: number | null,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE delivery SET attempts = attempts + 1, last_error = $2,
       status = CASE WHEN $3::int IS NULL THEN 'failed' ELSE 'pending' END,
       next_attempt_at = CASE WHEN $3::int IS NULL THEN next_attempt_at
                              ELSE now() + make_interval(secs => $3::int / 1000.0) END
      WHERE id = $1::uuid`,
    id,
    error.slice(0, 1_000),
    retryInMs,
  );
};

export const listDeliveriesOfOrder = (q: SqlTx, orderId: string): PromiseLike<DeliveryRow[]> =>
  q.$queryRawUnsafe<DeliveryRow[]>(
    `SELECT ${DELIVERY_COLUMNS} FROM delivery WHERE order_id = $1::uuid ORDER BY created_at, id`,
    orderId,
  );
