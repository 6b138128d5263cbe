import {
  ReservationConfirmationFailed,
  ReservationConfirmed,
} from "@marquee/events/contracts/inventory";
import { causedBy, createEvent } from "@marquee/events/create-event";
import { PermanentEventError } from "@marquee/events/consumer";
import { enqueue } from "@marquee/events/outbox";
import type { EventOfType } from "@marquee/events/registry";
import {
  closeReservations,
  lockReservationsWithSeats,
  lockSeats,
  sellAvailableSeats,
  sellHoldAndClose,
  type ReservationRow,
  type SqlTx,
} from "../adapters/db/inventory-store";

type PaymentSucceeded = EventOfType<"payment.payment-succeeded">;
export type ConfirmationOutcome = "confirmed" | "already-confirmed" | "failed";

/**
 * Sells the seats of each paid reservation (held → sold) and announces reservation-confirmed.
 * A hold that lapsed before the payment arrived is re-taken if all its seats are still free;
 * otherwise reservation-confirmation-failed names the seats that are gone (which stay with whoever
 * has them now), so payment can refund. Each reservation is decided on its own.
 */
export const confirmPaidReservations = async (
  tx: SqlTx,
  payment: PaymentSucceeded,
): Promise<Record<string, ConfirmationOutcome>> => {
  const outcomes: Record<string, ConfirmationOutcome> = {};
  const ids = [...new Set(payment.data.reservationIds)];
  // Locked in id order, so two payments touching the same reservations never deadlock.
  const reservations = await lockReservationsWithSeats(tx, ids);
  const unknown = ids.filter((id) => !reservations.some((r) => r.id === id));
  if (unknown.length > 0) {
    throw new PermanentEventError(
      `payment ${payment.data.paymentId}: unknown reservation ${unknown.join(", ")}`,
    );
  }
  for (const reservation of reservations) {
    outcomes[reservation.id] = await confirmOne(tx, payment, reservation);
  }
  return outcomes;
};

const confirmOne = async (
  tx: SqlTx,
  payment: PaymentSucceeded,
  reservation: ReservationRow & { seatIds: string[] },
): Promise<ConfirmationOutcome> => {
  const { orderId } = payment.data;
  const { seatIds } = reservation;
  const ref = {
    reservationId: reservation.id,
    eventId: reservation.eventId,
    customerId: reservation.customerId,
    seatIds,
  };
  const announce = (event: Parameters<typeof enqueue>[1]) => enqueue(tx, event);
  const confirmed = () =>
    announce(
      createEvent(ReservationConfirmed, {
        key: orderId, // spreads a hot on-sale's sales over partitions (packages/events/README.md)
        ...causedBy(payment),
        data: { ...ref, orderId },
      }),
    );
  const failed = (unavailableSeatIds: string[], reason: string) =>
    announce(
      createEvent(ReservationConfirmationFailed, {
        key: orderId,
        ...causedBy(payment),
        data: { ...ref, orderId, unavailableSeatIds, reason },
      }),
    );

  if (reservation.customerId !== payment.data.customerId) {
    // Money was taken for someone else's hold: sell nothing and let payment refund it.
    await failed(seatIds, "reservation belongs to another customer");
    return "failed";
  }

  switch (reservation.status) {
    case "confirmed":
      return "already-confirmed";
    case "active": {
      // Still ours even if its time just ran out: the sweeper skips rows we have locked.
      const sold = await sellHoldAndClose(tx, reservation.id, orderId);
      if (sold !== seatIds.length) {
        throw new Error(
          `reservation ${reservation.id} held ${sold} of its ${seatIds.length} seats`,
        );
      }
      await confirmed();
      return "confirmed";
    }
    case "expired":
    case "released": {
      const seats = await lockSeats(tx, seatIds);
      const gone = seats.filter((seat) => seat.state !== "available").map((seat) => seat.id);
      if (gone.length > 0) {
        await failed(
          gone,
          `the hold ${reservation.status} and the seats were taken by someone else`,
        );
        return "failed";
      }
      await sellAvailableSeats(tx, reservation.id, seatIds);
      await closeReservations(tx, [reservation.id], "confirmed", orderId);
      await confirmed();
      return "confirmed";
    }
  }
};
