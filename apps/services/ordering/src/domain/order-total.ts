/** A seat as an order lists it; prices are integer cents in the order's currency. */
export type OrderSeat = {
  seatId: string;
  section: string;
  row: string;
  number: number;
  priceCents: number;
};

/** The sum of every seat's price across the order's holds. */
export const totalOf = (holds: ReadonlyArray<{ seats: readonly OrderSeat[] }>): number =>
  holds.reduce((sum, hold) => sum + hold.seats.reduce((s, seat) => s + seat.priceCents, 0), 0);

/** The moment the first of the holds runs out, or null for an empty cart. */
export const earliestExpiry = (holds: ReadonlyArray<{ expiresAt: Date }>): Date | null =>
  holds.reduce<Date | null>(
    (earliest, hold) =>
      earliest === null || hold.expiresAt < earliest ? hold.expiresAt : earliest,
    null,
  );

/** Seats as a ticket reads them: section, row, then number (rows compare as numbers when they are). */
export const sortSeats = <T extends OrderSeat>(seats: readonly T[]): T[] =>
  [...seats].sort(
    (a, b) =>
      a.section.localeCompare(b.section) ||
      a.row.localeCompare(b.row, undefined, { numeric: true }) ||
      a.number - b.number,
  );
