import { ReservationExtended } from "@marquee/events/contracts/inventory";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import {
  extendReservations,
  lockReservationsForExtension,
  seatIdsOf,
} from "../adapters/db/inventory-store";
import type { ExtendError } from "../domain/errors";
import type { Result } from "@marquee/service/result";
import { refusing } from "@marquee/service/refusal";
import { TX_OPTIONS, type InventoryDeps } from "./deps";

export type ExtendHoldsInput = {
  /** The caller (`ctx.user.id`): only their own holds may be extended. */
  customerId: string;
  /** Distinct ids (the router refuses duplicates). */
  reservationIds: readonly string[];
  cause: EventCause;
};

export type ExtendedHolds = {
  /** Each hold with its new end (ISO), in id order. */
  reservations: Array<{ reservationId: string; expiresAt: string }>;
};

/**
 * A customer keeps their seats longer, once per hold, by the minutes the event allows
 * (catalog's `holdExtensionMinutes`). In one transaction: every hold is locked in id order and
 * must be the caller's, `active`, not past its time, not pinned for a payment, of an event that
 * allows an extension, and never extended before; then each gains the event's minutes on its
 * current end and `reservation-extended` is announced with the new end. All or nothing: a refusal
 * writes nothing. The sweeper locks holds with SKIP LOCKED, so it either expired a hold before
 * the lock here (refused: expired) or sees the new end after the commit.
 */
export const extendHolds = async (
  deps: Pick<InventoryDeps, "db" | "relay">,
  input: ExtendHoldsInput,
): Promise<Result<ExtendedHolds, ExtendError>> => {
  const result = await refusing<ExtendedHolds, ExtendError>((refuse) =>
    deps.db.$transaction(async (tx) => {
      const ids = [...new Set(input.reservationIds)].sort();
      const locked = await lockReservationsForExtension(tx, ids);
      const byId = new Map(locked.map((r) => [r.id, r]));
      // Ownership first, for every hold: someone else's hold is not found, whatever its state.
      for (const reservationId of ids) {
        if (byId.get(reservationId)?.customerId !== input.customerId) {
          return refuse({ kind: "reservation-not-found", reservationId });
        }
      }
      for (const r of locked) {
        const ended = r.status === "active" ? (r.live ? null : "expired") : r.status;
        if (ended) return refuse({ kind: "hold-ended", reservationId: r.id, ended });
        if (r.pinned) return refuse({ kind: "reservation-pinned", reservationId: r.id });
        if (r.extensionMinutes <= 0) {
          return refuse({ kind: "extension-not-allowed", reservationId: r.id, eventId: r.eventId });
        }
        if (r.extendedAt) return refuse({ kind: "already-extended", reservationId: r.id });
      }
      const extended = await extendReservations(tx, ids);
      if (extended.length !== ids.length) {
        throw new Error(`extension of ${ids.length} locked holds changed ${extended.length}`);
      }
      const seats = await seatIdsOf(tx, ids);
      const until = new Map(extended.map((r) => [r.id, r.expiresAt.toISOString()]));
      const endOf = (id: string): string => {
        const end = until.get(id);
        if (!end) throw new Error(`hold ${id} was locked but not extended`);
        return end;
      };
      await enqueue(
        tx,
        ...locked.map((r) =>
          createEvent(ReservationExtended, {
            key: r.eventId,
            ...input.cause,
            data: {
              reservationId: r.id,
              eventId: r.eventId,
              customerId: r.customerId,
              seatIds: seats.get(r.id) ?? [],
              expiresAt: endOf(r.id),
            },
          }),
        ),
      );
      return {
        reservations: locked.map((r) => ({
          reservationId: r.id,
          expiresAt: endOf(r.id),
        })),
      };
    }, TX_OPTIONS),
  );
  if (result.ok) deps.relay.nudge();
  return result;
};
