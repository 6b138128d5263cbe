import { PaymentRefundRefused } from "@marquee/events/contracts/payment";
import { causedBy, createEvent } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import { enqueue } from "@marquee/events/outbox";
import type { EventOfType } from "@marquee/events/registry";
import type { SqlTx } from "../adapters/db/payment-store";
import { confirmationFailedReason, refundRefusedReason } from "../domain/refund-reason";
import { refundPayment, type RefundOutcome } from "./refund-payment";

/** The automatic refund's key: one per payment, however many of the order's reservations fail. */
export const CONFIRMATION_FAILED_KEY = "confirmation-failed";

/**
 * Inventory could not sell seats an order paid for: give back everything not refunded yet, once.
 * A second failure for the same order (another of its reservations, or a re-sent event with a new
 * id) finds the refund under the same key and writes nothing.
 */
export const refundFailedConfirmation = (
  tx: SqlTx,
  event: EventOfType<"inventory.reservation-confirmation-failed">,
  log: EventLog,
  now: () => Date = () => new Date(),
): Promise<RefundOutcome> =>
  refundPayment(
    tx,
    {
      orderId: event.data.orderId,
      amountCents: null,
      kind: "seats-unavailable",
      reason: confirmationFailedReason(event.data.unavailableSeatIds, event.data.reason),
      requestedBy: null,
      seatIds: [],
      seatsTo: "available",
      idempotencyKey: CONFIRMATION_FAILED_KEY,
      cause: causedBy(event),
    },
    log,
    now,
  );

/**
 * Ordering asked for money back (an organizer's refund, a customer's cancellation, a cancelled
 * event): refunded once per request id, never above what was paid.
 */
export const refundRequested = async (
  tx: SqlTx,
  event: EventOfType<"ordering.refund-requested">,
  log: EventLog,
  now: () => Date = () => new Date(),
): Promise<RefundOutcome> => {
  const { data } = event;
  const outcome = await refundPayment(
    tx,
    {
      orderId: data.orderId,
      amountCents: data.amountCents,
      kind: data.kind,
      reason: data.reason,
      requestedBy: data.requestedBy,
      seatIds: data.seatIds,
      seatsTo: data.seatsTo,
      idempotencyKey: data.requestId,
      requestId: data.requestId,
      cause: causedBy(event),
    },
    log,
    now,
  );
  if (outcome.status === "refused" || outcome.status === "no-payment") {
    // Answered all the same, so ordering stops waiting for it (payment.refund-refused). A request
    // arriving again is refused again under the same request id; ordering applies it once.
    const refusal =
      outcome.status === "refused" ? outcome.refusal : { kind: "no-payment" as const };
    const left =
      outcome.status === "refused" ? outcome.refusal.paidCents - outcome.refusal.refundedCents : 0;
    await enqueue(
      tx,
      createEvent(PaymentRefundRefused, {
        key: data.orderId,
        ...causedBy(event),
        data: {
          orderId: data.orderId,
          requestId: data.requestId,
          kind: data.kind,
          requestedCents: data.amountCents,
          refundableCents: Math.max(0, left),
          reason: refundRefusedReason(
            refusal,
            outcome.status === "refused" ? outcome.currency : undefined,
          ),
        },
      }),
    );
  }
  return outcome;
};
