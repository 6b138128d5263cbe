import { lockReservationsForPin, pinReservations } from "../adapters/db/inventory-store";
import type { PinError } from "../domain/errors";
import { fail, ok, type Result } from "@marquee/service/result";
import { TX_OPTIONS, type InventoryDeps } from "./deps";

export type PinHoldsForPaymentInput = {
  /** The caller (`ctx.user.id`): only their own holds may be pinned. */
  customerId: string;
  paymentId: string;
  /** Distinct ids (the router refuses duplicates). */
  reservationIds: readonly string[];
};

export type PinnedHolds = { pinnedUntil: string };

/**
 * Payment, before charging a card, pins the order's holds: until the answered instant none of them
 * is expired by the sweeper or released (by the customer or a cancelled order), so
 * payment-succeeded is sure to sell them. In one transaction: every hold is locked in id order and
 * must be the caller's, `active` and not past `expires_at`; then all are pinned for `paymentId`
 * until now + `paymentPinMs`. A refusal writes nothing. Pinning again (a retried pay, or
 * another payment of the same order) replaces the earlier pin and moves its end.
 */
export const pinHoldsForPayment = async (
  deps: Pick<InventoryDeps, "db" | "paymentPinMs">,
  input: PinHoldsForPaymentInput,
): Promise<Result<PinnedHolds, PinError>> =>
  deps.db.$transaction(async (tx) => {
    const ids = [...new Set(input.reservationIds)].sort();
    const locked = await lockReservationsForPin(tx, ids);
    const byId = new Map(locked.map((r) => [r.id, r]));
    // Ownership first, for every hold: someone else's hold is not found, whatever its state.
    for (const reservationId of ids) {
      if (byId.get(reservationId)?.customerId !== input.customerId) {
        return fail({ kind: "reservation-not-found", reservationId } as const);
      }
    }
    for (const reservation of locked) {
      const ended =
        reservation.status === "active"
          ? reservation.live
            ? null
            : "expired"
          : reservation.status;
      if (ended) return fail({ kind: "hold-ended", reservationId: reservation.id, ended } as const);
    }
    const pinnedUntil = await pinReservations(tx, ids, input.paymentId, deps.paymentPinMs);
    return ok({ pinnedUntil: pinnedUntil.toISOString() });
  }, TX_OPTIONS);
