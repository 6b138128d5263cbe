import { ReservationReleased } from "@marquee/events/contracts/inventory";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import {
  closeReservations,
  freeHeldSeats,
  lockReservation,
  seatIdsOf,
} from "../adapters/db/inventory-store";
import type { ReleaseError } from "../domain/errors";
import { fail, ok, type Result } from "@marquee/service/result";
import { TX_OPTIONS, type InventoryDeps } from "./deps";

export type ReleaseReservationInput = {
  customerId: string;
  reservationId: string;
  cause: EventCause;
};

/**
 * Gives up a customer's own active hold: its seats are free at once and reservation-released is
 * announced. Releasing a hold that is already released answers the same again and announces
 * nothing, so a retried request is harmless. A hold pinned for a payment cannot be released.
 */
export const releaseReservation = async (
  deps: Pick<InventoryDeps, "db" | "relay" | "offers">,
  input: ReleaseReservationInput,
): Promise<Result<{ reservationId: string; status: "released" }, ReleaseError>> => {
  const { reservationId } = input;
  const result = await deps.db.$transaction(async (tx) => {
    const reservation = await lockReservation(tx, reservationId);
    if (!reservation || reservation.customerId !== input.customerId) {
      return fail({ kind: "reservation-not-found", reservationId } as const);
    }
    switch (reservation.status) {
      case "released":
        return ok(false);
      case "expired":
      case "confirmed":
        return fail({
          kind: "reservation-closed",
          reservationId,
          status: reservation.status,
        } as const);
      case "active":
        // The payment that pinned it decides it: sold on success, unpinned on failure.
        if (reservation.pinned) {
          return fail({ kind: "reservation-pinned", reservationId } as const);
        }
        break;
    }
    await closeReservations(tx, [reservationId], "released");
    await freeHeldSeats(tx, [reservationId]);
    const seatIds = (await seatIdsOf(tx, [reservationId])).get(reservationId) ?? [];
    await enqueue(
      tx,
      createEvent(ReservationReleased, {
        key: reservation.eventId,
        ...input.cause,
        data: {
          reservationId,
          eventId: reservation.eventId,
          customerId: reservation.customerId,
          seatIds,
          reason: "customer",
        },
      }),
    );
    return ok(true);
  }, TX_OPTIONS);
  if (!result.ok) return result;
  if (result.value) {
    deps.relay.nudge();
    deps.offers?.nudge();
  }
  return ok({ reservationId, status: "released" });
};
