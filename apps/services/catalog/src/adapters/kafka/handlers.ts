import { ignore, type EventHandler, type HandlerMap } from "@marquee/events/consumer";
import type { EventOfType } from "@marquee/events/registry";
import { applyReservationChange, type ReservationChange } from "../../app/apply-reservation-change";
import type { AfterCommit } from "../db/after-commit";
import { markReturned } from "../db/catalog-store";
import type { SeatMapPublisher } from "../redis/seat-map-channel";

type Deps = { afterCommit: AfterCommit; publishChange: SeatMapPublisher };

const project =
  <
    T extends EventOfType<
      | "inventory.reservation-created"
      | "inventory.reservation-released"
      | "inventory.reservation-expired"
      | "inventory.reservation-confirmed"
    >,
  >(
    deps: Deps,
    toChange: (event: T) => ReservationChange,
  ): EventHandler<T> =>
  async (event, { tx, log }) => {
    const change = toChange(event);
    const changed = await applyReservationChange(tx, change);
    if (changed.length === 0) return;
    log.debug(
      { eventId: change.eventId, state: change.state, seats: changed.length },
      "seat map updated",
    );
    deps.afterCommit(tx, () =>
      deps.publishChange({
        eventId: change.eventId,
        state: change.state,
        seatIds: changed.map((seat) => seat.id),
        seats: changed.map((seat) => [seat.sectionPosition, seat.position]),
      }),
    );
  };

/**
 * Consumer group `catalog.seatmap`: the seat map read model follows inventory's holds and sales.
 * A failed confirmation changes no seat in inventory (the seats that were gone stay with whoever
 * has them, and that reservation's own events say so), so there is nothing to project.
 */
export const createReservationHandlers = (deps: Deps): HandlerMap<"inventory.reservations"> => ({
  "inventory.reservation-created": project(deps, (event) => ({
    eventId: event.data.eventId,
    reservationId: event.data.reservationId,
    seatIds: event.data.seats.map((seat) => seat.seatId),
    state: "held",
  })),
  "inventory.reservation-released": project(deps, (event) => ({
    ...event.data,
    state: "available",
  })),
  "inventory.reservation-expired": project(deps, (event) => ({
    ...event.data,
    state: "available",
  })),
  "inventory.reservation-confirmed": project(deps, (event) => ({ ...event.data, state: "sold" })),
  "inventory.reservation-confirmation-failed": ignore,
  // A longer hold keeps the same seats held: the map shows no end time, so nothing changes.
  "inventory.reservation-extended": ignore,
  // The offered hold's own reservation-created already marked its seats held on the map.
  "inventory.waiting-list-offered": ignore,
  "inventory.seats-returned": async (event, { tx, log }) => {
    const { eventId, reservationId, seatIds } = event.data;
    const changed = await markReturned(tx, eventId, reservationId, seatIds);
    if (changed.length === 0) return;
    log.debug({ eventId, seats: changed.length }, "refunded seats back on the seat map");
    deps.afterCommit(tx, () =>
      deps.publishChange({
        eventId,
        state: "available",
        seatIds: changed.map((seat) => seat.id),
        seats: changed.map((seat) => [seat.sectionPosition, seat.position]),
      }),
    );
  },
});
