import type { SqlTx } from "../adapters/db/ordering-store";
import { cancellationCountsOfEvent, findEventState } from "../adapters/db/refund-store";

/**
 * Where an event's cancellation stands, for the organizer's page (which polls it): "18 of 40
 * orders refunded". `done` once ordering has applied the cancellation, payment has answered every
 * refund it asked for (refunded, or refused with a reason), and no cart or unpaid order is open.
 */
export type EventCancellation = {
  eventId: string;
  cancelled: boolean;
  cancelledAt: string | null;
  ordersToRefund: number;
  ordersRefunded: number;
  ordersRefused: number;
  refundedCents: number;
  openOrders: number;
  currency: string | null;
  done: boolean;
};

export const getEventCancellation = async (
  q: SqlTx,
  eventId: string,
): Promise<EventCancellation> => {
  const [state, counts] = await Promise.all([
    findEventState(q, eventId),
    cancellationCountsOfEvent(q, eventId),
  ]);
  const cancelled = state?.status === "cancelled";
  return {
    eventId,
    cancelled,
    cancelledAt: state?.cancelledAt ? new Date(state.cancelledAt).toISOString() : null,
    ...counts,
    done:
      cancelled &&
      counts.ordersRefunded + counts.ordersRefused === counts.ordersToRefund &&
      counts.openOrders === 0,
  };
};
