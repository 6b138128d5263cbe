import { randomUUID } from "node:crypto";
import {
  PaymentRefunded,
  type RefundedSeatsTo,
  type RefundKind,
} from "@marquee/events/contracts/payment";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import { enqueue } from "@marquee/events/outbox";
import {
  findRefundByKey,
  insertRefundOnce,
  lockSucceededPaymentOfOrder,
  sumRefundsOfPayment,
  type RefundRow,
  type SqlTx,
} from "../adapters/db/payment-store";
import { decideRefundAmount, type RefundRefusal } from "../domain/refund-rules";

export type RefundRequest = {
  orderId: string;
  /** Null: everything the payment took that has not been refunded yet. */
  amountCents: number | null;
  kind: RefundKind;
  reason: string;
  requestedBy: string | null;
  seatIds: readonly string[];
  seatsTo: RefundedSeatsTo;
  /** One refund per payment and key, however often the request arrives. */
  idempotencyKey: string;
  /** Ordering's request this answers, echoed in payment-refunded. */
  requestId?: string;
  cause: EventCause;
};

export type RefundOutcome =
  | { status: "refunded"; refund: RefundRow; refundedTotalCents: number }
  | { status: "already-refunded"; refund: RefundRow }
  | { status: "no-payment" }
  | { status: "refused"; refusal: RefundRefusal; currency: string };

/**
 * Gives money of an order's payment back, in the caller's transaction (a consumer's, with its
 * processed mark). The payment row is locked first, so refunds of one payment are decided one at a
 * time and their sum never exceeds what it took; (payment, idempotency key) is unique, so a request
 * arriving again (redelivered, or re-sent under a new envelope id) finds its refund and writes
 * nothing. Each refund is announced once: payment-refunded is enqueued with the row.
 */
export const refundPayment = async (
  tx: SqlTx,
  request: RefundRequest,
  log: EventLog,
  now: () => Date = () => new Date(),
): Promise<RefundOutcome> => {
  const { orderId } = request;
  const payment = await lockSucceededPaymentOfOrder(tx, orderId);
  if (!payment) {
    log.info(
      { orderId, kind: request.kind },
      "refund for an order without a payment; nothing to do",
    );
    return { status: "no-payment" };
  }
  const earlier = await findRefundByKey(tx, payment.id, request.idempotencyKey);
  if (earlier) {
    log.info({ orderId, refundId: earlier.id }, "refund already made for this request");
    return { status: "already-refunded", refund: earlier };
  }
  const refundedCents = await sumRefundsOfPayment(tx, payment.id);
  const decided = decideRefundAmount(payment.amountCents, refundedCents, request.amountCents);
  if (!decided.ok) {
    log.warn({ orderId, paymentId: payment.id, ...decided.error }, "refund not made");
    return { status: "refused", refusal: decided.error, currency: payment.currency };
  }

  const refund: RefundRow = {
    id: randomUUID(),
    paymentId: payment.id,
    amountCents: decided.value,
    reason: request.reason,
    kind: request.kind,
    requestedBy: request.requestedBy,
    seatIds: [...request.seatIds],
    idempotencyKey: request.idempotencyKey,
    createdAt: now(),
  };
  // The key was looked up under the payment's lock, so this insert cannot conflict; the unique
  // index stays the backstop.
  if (!(await insertRefundOnce(tx, refund))) {
    throw new Error(
      `refund ${request.idempotencyKey} of payment ${payment.id} appeared under its lock`,
    );
  }
  const refundedTotalCents = refundedCents + refund.amountCents;
  await enqueue(
    tx,
    createEvent(PaymentRefunded, {
      key: orderId,
      ...request.cause,
      data: {
        paymentId: payment.id,
        orderId,
        customerId: payment.customerId,
        amountCents: refund.amountCents,
        currency: payment.currency,
        refundId: refund.id,
        reason: refund.reason,
        kind: refund.kind,
        refundedTotalCents,
        paymentAmountCents: payment.amountCents,
        ...(request.requestId ? { requestId: request.requestId } : {}),
        seatIds: refund.seatIds,
        seatsTo: request.seatsTo,
      },
    }),
  );
  log.info(
    {
      orderId,
      paymentId: payment.id,
      refundId: refund.id,
      amountCents: refund.amountCents,
      refundedTotalCents,
    },
    "payment refunded",
  );
  return { status: "refunded", refund, refundedTotalCents };
};
