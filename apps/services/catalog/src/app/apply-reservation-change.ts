import type { SqlTx } from "@marquee/events/sql";
import { markAvailable, markHeld, markSold, type ChangedSeat } from "../adapters/db/catalog-store";
import type { SeatState } from "../domain/seat-map";

export type ReservationChange = {
  eventId: string;
  reservationId: string;
  seatIds: string[];
  state: SeatState;
};

const writers = { held: markHeld, available: markAvailable, sold: markSold } as const;

/**
 * Moves the seat map read model's seats of one reservation to `state`, conditionally: a repeat,
 * or a release arriving for seats already sold, changes nothing. Returns the seats that changed.
 */
export const applyReservationChange = (
  tx: SqlTx,
  change: ReservationChange,
): PromiseLike<ChangedSeat[]> =>
  writers[change.state](tx, change.eventId, change.reservationId, change.seatIds);
