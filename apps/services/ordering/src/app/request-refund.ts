import { RefundRequested } from "@marquee/events/contracts/ordering";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import type { OrderRow, SqlTx } from "../adapters/db/ordering-store";
import {
  findEventState,
  insertRefundRequest,
  type RefundRequestRow,
} from "../adapters/db/refund-store";
import { eventCancelledRequestId } from "../domain/refund-request-id";

export type RefundAsk = Pick<
  RefundRequestRow,
  "id" | "kind" | "amountCents" | "seatIds" | "seatsTo" | "reason" | "requestedBy"
>;

/**
 * Records a refund request for the order and asks payment for it (refund-requested), in the
 * caller's transaction. A request whose id exists already is not asked again; returns whether
 * this call asked.
 */
export const requestRefund = async (
  tx: SqlTx,
  order: OrderRow,
  ask: RefundAsk,
  cause: EventCause,
): Promise<boolean> => {
  const written = await insertRefundRequest(tx, {
    ...ask,
    orderId: order.id,
    eventId: order.eventId,
  });
  if (!written) return false;
  await enqueue(
    tx,
    createEvent(RefundRequested, {
      key: order.id,
      ...cause,
      data: {
        requestId: ask.id,
        orderId: order.id,
        customerId: order.customerId,
        email: order.email,
        eventId: order.eventId,
        amountCents: ask.amountCents,
        currency: order.currency,
        kind: ask.kind,
        reason: ask.reason,
        requestedBy: ask.requestedBy,
        seatIds: ask.seatIds,
        seatsTo: ask.seatsTo,
      },
    }),
  );
  return true;
};

export const EVENT_CANCELLED_REASON = "The event was cancelled by its organizer.";

/** The one full refund an event's cancellation asks for per paid order (see refund-request-id). */
export const requestEventCancelledRefund = (
  tx: SqlTx,
  order: OrderRow,
  cause: EventCause,
): Promise<boolean> =>
  requestRefund(
    tx,
    order,
    {
      id: eventCancelledRequestId(order.id),
      kind: "event-cancelled",
      amountCents: null,
      seatIds: [],
      seatsTo: "blocked",
      reason: EVENT_CANCELLED_REASON,
      requestedBy: "system",
    },
    cause,
  );

/** Whether catalog has cancelled the event (as far as ordering has heard). */
export const isEventCancelled = async (q: SqlTx, eventId: string): Promise<boolean> =>
  (await findEventState(q, eventId))?.status === "cancelled";
