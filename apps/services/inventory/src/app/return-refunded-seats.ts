import { SeatsReturned } from "@marquee/events/contracts/inventory";
import { causedBy, createEvent } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import { enqueue } from "@marquee/events/outbox";
import type { EventOfType } from "@marquee/events/registry";
import { returnSoldSeats } from "../adapters/db/inventory-store";
import type { SqlTx } from "@marquee/events/sql";

/**
 * Refunded seats the organizer put back on sale (`seatsTo: "available"`) become available again
 * and catalog's seat map is told (seats-returned, one per sale they came from). Seats kept off
 * sale (`blocked`) stay sold to the refunded order: nobody can hold them. The move is
 * conditional on the seat still being sold to that order, so applying a refund twice puts a seat
 * back once, and the seat is then sold at most once more, through the usual hold.
 */
export const returnRefundedSeats = async (
  tx: SqlTx,
  event: EventOfType<"payment.payment-refunded">,
  log: EventLog,
): Promise<number> => {
  const { data } = event;
  if (data.seatsTo !== "available" || data.seatIds.length === 0) return 0;
  const moved = await returnSoldSeats(tx, data.orderId, data.seatIds);
  const bySale = new Map<string, { eventId: string; seatIds: string[] }>();
  for (const seat of moved) {
    const sale = bySale.get(seat.reservationId) ?? { eventId: seat.eventId, seatIds: [] };
    sale.seatIds.push(seat.seatId);
    bySale.set(seat.reservationId, sale);
  }
  for (const [reservationId, sale] of bySale) {
    await enqueue(
      tx,
      createEvent(SeatsReturned, {
        key: sale.eventId,
        ...causedBy(event),
        data: {
          eventId: sale.eventId,
          orderId: data.orderId,
          reservationId,
          seatIds: sale.seatIds,
        },
      }),
    );
  }
  log.info({ orderId: data.orderId, returned: moved.length }, "refunded seats back on sale");
  return moved.length;
};
