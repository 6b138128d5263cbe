import type {
  ReservationRow,
  ReservationSeatRow,
  ReservationStatus,
} from "../adapters/db/inventory-store";
import { seatLabel, type SeatPosition } from "@marquee/tickets/seat-label";

/** A hold as the API returns it: plain data, no database types. */
export type ReservationView = {
  reservationId: string;
  eventId: string;
  status: ReservationStatus;
  expiresAt: string;
  currency: string;
  totalCents: number;
  seats: Array<SeatPosition & { seatId: string; label: string; priceCents: number }>;
};

export const toReservationView = (r: {
  id: string;
  eventId: string;
  status: ReservationStatus;
  expiresAt: Date;
  currency: string;
  seats: ReadonlyArray<SeatPosition & { id: string; priceCents: number }>;
}): ReservationView => ({
  reservationId: r.id,
  eventId: r.eventId,
  status: r.status,
  expiresAt: r.expiresAt.toISOString(),
  currency: r.currency,
  totalCents: r.seats.reduce((sum, seat) => sum + seat.priceCents, 0),
  seats: r.seats.map((seat) => ({
    seatId: seat.id,
    section: seat.section,
    row: seat.row,
    number: seat.number,
    label: seatLabel(seat),
    priceCents: seat.priceCents,
  })),
});

/** A stored hold as the API returns it, each seat at the price it was held at. */
export const heldReservationView = (
  r: ReservationRow & { seats: ReservationSeatRow[] },
): ReservationView =>
  toReservationView({
    ...r,
    seats: r.seats.map((seat) => ({ ...seat, priceCents: seat.heldPriceCents })),
  });
