import { randomUUID } from "node:crypto";
import { PaymentFailed, PaymentSucceeded } from "@marquee/events/contracts/payment";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import {
  findPaymentByKey,
  insertPayment,
  lockIdempotencyKey,
  lockOrder,
  markOrderPaid,
  type PaymentRow,
  type SqlTx,
} from "../adapters/db/payment-store";
import { validateCard, type CardInput, type ValidCard } from "../domain/card";
import type { PayError } from "../domain/errors";
import { hashPayRequest } from "../domain/request-hash";
import { fail, ok, type Result } from "../domain/result";
import { TX_OPTIONS, type PaymentDeps } from "./deps";
import { toPaymentView, type PaymentView } from "./payment-view";

export type PayOrderInput = {
  customerId: string;
  orderId: string;
  card: CardInput;
  idempotencyKey: string;
  /** When given, must equal the order's total: the customer pays what they were shown. */
  amountCents?: number;
  cause: EventCause;
};

/** Carries an expected refusal out of the transaction so it rolls back, then becomes a value again. */
class PayRefused extends Error {
  constructor(readonly error: PayError) {
    super(error.kind);
  }
}

/**
 * Charges a pending order once per idempotency key. Requests with the same customer and key are
 * serialised by an advisory lock; the first charges and stores its answer, the others get that
 * answer back (or CONFLICT when their request differs). The order row is locked too, so two keys
 * cannot pay one order twice. Payment row, order status and the event commit together.
 * A declined card is an answer, not an error: it is stored and returned like a success.
 */
export const payOrder = async (
  deps: PaymentDeps,
  input: PayOrderInput,
): Promise<Result<PaymentView, PayError>> => {
  const checked = validateCard(input.card, deps.now?.() ?? new Date());
  if (!checked.ok) return checked;
  const card = checked.value;
  const requestHash = hashPayRequest(deps.requestHashSecret, {
    orderId: input.orderId,
    card: { ...card, expMonth: input.card.expMonth, expYear: input.card.expYear },
    amountCents: input.amountCents ?? null,
  });

  try {
    const row = await deps.db.$transaction(
      (tx) => chargeOnce(tx, deps, input, card, requestHash),
      TX_OPTIONS,
    );
    deps.relay.nudge();
    return ok(toPaymentView(row));
  } catch (error) {
    if (error instanceof PayRefused) return fail(error.error);
    throw error;
  }
};

const chargeOnce = async (
  tx: SqlTx,
  deps: PaymentDeps,
  input: PayOrderInput,
  card: ValidCard,
  requestHash: string,
): Promise<PaymentRow> => {
  const { customerId, idempotencyKey, orderId } = input;
  await lockIdempotencyKey(tx, customerId, idempotencyKey);
  const earlier = await findPaymentByKey(tx, customerId, idempotencyKey);
  if (earlier) {
    if (earlier.requestHash !== requestHash) {
      throw new PayRefused({ kind: "idempotency-conflict", idempotencyKey });
    }
    return earlier;
  }

  const order = await lockOrder(tx, orderId);
  // Someone else's order is reported as not found: its existence is none of the caller's business.
  if (!order || order.customerId !== customerId)
    throw new PayRefused({ kind: "order-not-found", orderId });
  if (order.status !== "pending") {
    throw new PayRefused({ kind: "order-not-payable", orderId, status: order.status });
  }
  if (input.amountCents !== undefined && input.amountCents !== order.totalCents) {
    throw new PayRefused({
      kind: "amount-mismatch",
      orderId,
      expectedCents: order.totalCents,
      givenCents: input.amountCents,
    });
  }

  const outcome = await deps.gateway.charge({
    card,
    amountCents: order.totalCents,
    currency: order.currency,
  });
  const payment: PaymentRow = {
    id: randomUUID(),
    orderId,
    customerId,
    amountCents: order.totalCents,
    currency: order.currency,
    status: outcome.status,
    failureReason: outcome.status === "failed" ? outcome.reason : null,
    failureMessage: outcome.status === "failed" ? outcome.message : null,
    cardBrand: outcome.brand,
    cardLast4: outcome.last4,
    idempotencyKey,
    requestHash,
    createdAt: deps.now?.() ?? new Date(),
  };
  await insertPayment(tx, payment);

  const ref = {
    paymentId: payment.id,
    orderId,
    customerId,
    amountCents: payment.amountCents,
    currency: payment.currency,
  };
  if (outcome.status === "succeeded") {
    await markOrderPaid(tx, orderId);
    await enqueue(
      tx,
      createEvent(PaymentSucceeded, {
        key: orderId,
        ...input.cause,
        data: { ...ref, eventId: order.eventId, reservationIds: order.reservationIds },
      }),
    );
  } else {
    await enqueue(
      tx,
      createEvent(PaymentFailed, {
        key: orderId,
        ...input.cause,
        data: { ...ref, reason: outcome.reason, message: outcome.message },
      }),
    );
  }
  deps.log.info(
    {
      paymentId: payment.id,
      orderId,
      status: outcome.status,
      brand: outcome.brand,
      last4: outcome.last4,
    },
    "charge decided",
  );
  return payment;
};
