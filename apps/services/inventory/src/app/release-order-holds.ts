import { ReservationReleased } from "@marquee/events/contracts/inventory";
import { causedBy, createEvent } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import type { EventOfType } from "@marquee/events/registry";
import {
  closeReservations,
  freeHeldSeats,
  lockReservation,
  seatIdsOf,
  type SqlTx,
} from "../adapters/db/inventory-store";

/**
 * Ordering cancelled an order: its customer's holds that are still active are released and their
 * seats freed, each announced as reservation-released (reason `order-cancelled`). Holds that
 * expired, were released or sold meanwhile, holds pinned for a payment, and holds of anyone else,
 * are left alone.
 * Returns the ids released.
 */
export const releaseOrderHolds = async (
  tx: SqlTx,
  event: EventOfType<"ordering.order-cancelled">,
): Promise<string[]> => {
  const released: string[] = [];
  // Sorted, so concurrent work on the same holds locks them in the same order.
  for (const reservationId of [...new Set(event.data.reservationIds)].sort()) {
    const reservation = await lockReservation(tx, reservationId);
    if (reservation?.status !== "active" || reservation.customerId !== event.data.customerId) {
      continue;
    }
    // A hold pinned for a payment is the payment's to decide (sold, or unpinned and left to expire).
    if (reservation.pinned) continue;
    await closeReservations(tx, [reservationId], "released");
    await freeHeldSeats(tx, [reservationId]);
    await enqueue(
      tx,
      createEvent(ReservationReleased, {
        key: reservation.eventId,
        ...causedBy(event),
        data: {
          reservationId,
          eventId: reservation.eventId,
          customerId: reservation.customerId,
          seatIds: (await seatIdsOf(tx, [reservationId])).get(reservationId) ?? [],
          reason: "order-cancelled",
        },
      }),
    );
    released.push(reservationId);
  }
  return released;
};
