import type { EventLog } from "@marquee/events/log";
import type { EventOfType } from "@marquee/events/registry";
import { voidTicketsOfOrder, type SqlTx } from "../adapters/db/ticket-store";
import { ORDER_FAILED_REASON } from "../domain/void-reasons";

/**
 * An order failed after it was confirmed: ordering confirms on a payment that pinned the holds,
 * and only an inventory that read that payment after the pin lapsed can find the seats gone. Its
 * tickets are void, so the door refuses them saying why; the payment is refunded. An order that
 * failed before it was confirmed has no tickets, and nothing changes. Applying it again voids
 * nothing more.
 */
export const voidFailedOrderTickets = async (
  tx: SqlTx,
  { data, occurredAt }: EventOfType<"ordering.order-failed">,
  log: EventLog,
): Promise<number> => {
  const voided = await voidTicketsOfOrder(
    tx,
    data.orderId,
    new Date(occurredAt),
    ORDER_FAILED_REASON,
  );
  if (voided > 0) log.warn({ orderId: data.orderId, voided }, "tickets of a failed order voided");
  return voided;
};
