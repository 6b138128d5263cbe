import { randomUUID } from "node:crypto";
import type { EventCause } from "@marquee/events/create-event";
import type { ServiceCaller } from "@marquee/service/service-client";
import {
  findOrder,
  findPaymentByKey,
  findProcessingPaymentOfOrder,
  insertPayment,
  lockIdempotencyKey,
  lockOrder,
  type PaymentRow,
  type SqlTx,
} from "../adapters/db/payment-store";
import { validateCard, type CardInput, type ValidCard } from "../domain/card";
import type { PayError } from "../domain/errors";
import type { ChargeOutcome } from "../domain/gateway";
import { hashPayRequest } from "../domain/request-hash";
import { fail, ok, type Result } from "@marquee/service/result";
import { TX_OPTIONS, type PaymentDeps } from "./deps";
import { toPaymentView, type PaymentView } from "./payment-view";
import type { PinOutcome } from "../adapters/inventory/inventory-client";
import { settleCharge } from "./settle-charge";

export type PayOrderInput = {
  customerId: string;
  orderId: string;
  card: CardInput;
  idempotencyKey: string;
  /** When given, must equal the order's total: the customer pays what they were shown. */
  amountCents?: number;
  cause: EventCause;
  /** The customer's own token, with which inventory is asked to pin the order's holds. */
  caller: ServiceCaller;
};

/**
 * Charges a pending order once per idempotency key, in three steps so that no database
 * connection or lock is held while the gateway answers (100–500 ms, and under an on-sale rush
 * every pay would otherwise queue for one of the pool's connections behind the others' charges):
 *
 * 1. a short transaction, serialised per customer and key by an advisory lock and per order by its
 *    row lock, checks the order and writes the payment as `processing` (or finds the key's earlier
 *    payment and answers with it);
 * 2. the gateway charges, deduplicating on the payment's id;
 * 3. a second short transaction records the answer, marks the order paid and queues the event
 *    (settle-charge.ts), exactly once however many requests or recoveries race to do it.
 *
 * A repeated request that finds its key's payment still processing (the first one was cut off, or
 * is still waiting) charges again under the same payment id, which the gateway answers without
 * charging twice, and settles it. A payment whose every request stopped half-way is settled by
 * recovery (recover-payments.ts). A declined card is an answer, not an error: it is stored and
 * returned like a success.
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

  const started = await deps.db.$transaction(
    (tx) => startCharge(tx, deps, input, card, requestHash),
    TX_OPTIONS,
  );
  if (!started.ok || started.value.payment.status !== "processing") {
    return started.ok ? ok(toPaymentView(started.value.payment)) : started;
  }
  const { payment, reservationIds } = started.value;
  const pin = await pinHolds(deps, input.caller, payment, reservationIds);
  const outcome: ChargeOutcome =
    pin.kind === "ended"
      ? await holdEnded(deps, payment, card)
      : await deps.gateway.charge({
          idempotencyKey: payment.id,
          card,
          amountCents: payment.amountCents,
          currency: payment.currency,
        });
  const holdsPinnedUntil = pin.kind === "pinned" ? pin.pinnedUntil : undefined;
  const { payment: settled, settledHere } = await deps.db.$transaction(
    (tx) => settleCharge(tx, deps, payment, outcome, input.cause, holdsPinnedUntil),
    TX_OPTIONS,
  );
  if (settledHere) deps.relay.nudge();
  return ok(toPaymentView(settled));
};

/**
 * Step 1: the key's earlier payment, or a new one written as processing, with the order's holds
 * (for the pin) when it is to be charged. Refusals are decided before anything is written, so
 * committing a refused transaction leaves nothing behind.
 */
const startCharge = async (
  tx: SqlTx,
  deps: PaymentDeps,
  input: PayOrderInput,
  card: ValidCard,
  requestHash: string,
): Promise<Result<{ payment: PaymentRow; reservationIds: string[] }, PayError>> => {
  const { customerId, idempotencyKey, orderId } = input;
  await lockIdempotencyKey(tx, customerId, idempotencyKey);
  const earlier = await findPaymentByKey(tx, customerId, idempotencyKey);
  if (earlier) {
    if (earlier.requestHash !== requestHash) {
      return fail({ kind: "idempotency-conflict", idempotencyKey });
    }
    // Still processing: this request charges it again, so it pins the holds again too.
    const holds =
      earlier.status === "processing"
        ? ((await findOrder(tx, earlier.orderId))?.reservationIds ?? [])
        : [];
    return ok({ payment: earlier, reservationIds: holds });
  }

  const order = await lockOrder(tx, orderId);
  // Someone else's order is reported as not found: its existence is none of the caller's business.
  if (!order || order.customerId !== customerId) return fail({ kind: "order-not-found", orderId });
  if (order.status !== "pending") {
    return fail({ kind: "order-not-payable", orderId, status: order.status });
  }
  if (input.amountCents !== undefined && input.amountCents !== order.totalCents) {
    return fail({
      kind: "amount-mismatch",
      orderId,
      expectedCents: order.totalCents,
      givenCents: input.amountCents,
    });
  }
  // One charge at a time per order: the order's row lock serialises this check with the write
  // below and with settling, so a second key waits for the first's answer instead of paying twice.
  if (await findProcessingPaymentOfOrder(tx, orderId)) {
    return fail({ kind: "payment-in-progress", orderId });
  }

  const payment: PaymentRow = {
    id: randomUUID(),
    orderId,
    customerId,
    amountCents: order.totalCents,
    currency: order.currency,
    status: "processing",
    failureReason: null,
    failureMessage: null,
    cardBrand: card.brand,
    cardLast4: card.last4,
    idempotencyKey,
    requestHash,
    createdAt: deps.now?.() ?? new Date(),
    settledAt: null,
  };
  await insertPayment(tx, payment);
  return ok({ payment, reservationIds: order.reservationIds });
};

/**
 * Step 1½: asks inventory to pin the order's holds for this payment, so they are sold whatever
 * happens before payment-succeeded reaches inventory, and ordering can confirm the order on
 * payment-succeeded itself (one hop sooner). Without an inventory client, or when inventory
 * cannot be asked, the charge goes ahead unpinned and ordering waits for inventory's sale.
 */
const pinHolds = async (
  deps: PaymentDeps,
  caller: ServiceCaller,
  payment: PaymentRow,
  reservationIds: string[],
): Promise<PinOutcome> => {
  if (!deps.inventory) return { kind: "unavailable", message: "no inventory client" };
  if (reservationIds.length === 0) return { kind: "unavailable", message: "order not found" };
  const pin = await deps.inventory.pinForPayment(caller, { paymentId: payment.id, reservationIds });
  if (pin.kind === "unavailable") {
    deps.log.warn({ paymentId: payment.id, reason: pin.message }, "holds not pinned; charging");
  }
  return pin;
};

/**
 * A hold ended before the charge: nothing is charged, unless an earlier request for this payment
 * already reached the gateway (it was cut off before settling), whose answer then stands.
 */
const holdEnded = async (
  deps: PaymentDeps,
  payment: PaymentRow,
  card: ValidCard,
): Promise<ChargeOutcome> =>
  (await deps.gateway.lookup(payment.id)) ?? {
    status: "failed",
    reason: "hold_ended",
    message: "Your hold on these seats ended before the payment; nothing was charged.",
    brand: card.brand,
    last4: card.last4,
  };
