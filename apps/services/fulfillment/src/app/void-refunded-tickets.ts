import type { EventLog } from "@marquee/events/log";
import type { EventOfType } from "@marquee/events/registry";
import { voidTicketsOfSeats, type SqlTx } from "../adapters/db/ticket-store";
import { REFUNDED_REASON } from "../domain/void-reasons";

/**
 * Money for some seats went back (an organizer's refund, a customer's cancellation): their tickets
 * are void, so the door refuses them saying so. A refund naming no seats changes no ticket: the
 * automatic refund follows seats that were never sold, and a cancelled event's tickets were voided
 * by its cancellation. Applying it again voids nothing more.
 */
export const voidRefundedTickets = async (
  tx: SqlTx,
  { data, occurredAt }: EventOfType<"payment.payment-refunded">,
  log: EventLog,
): Promise<number> => {
  if (data.seatIds.length === 0) return 0;
  const voided = await voidTicketsOfSeats(
    tx,
    data.orderId,
    data.seatIds,
    new Date(occurredAt),
    REFUNDED_REASON,
  );
  log.info({ orderId: data.orderId, refundId: data.refundId, voided }, "refunded tickets voided");
  return voided;
};
