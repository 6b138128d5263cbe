/** Where a seat is, as customers read it on a ticket and in errors: `A-12-7` (section-row-number). */
export type SeatPosition = { section: string; row: string; number: number };

export const seatLabel = ({ section, row, number }: SeatPosition): string =>
  `${section}-${row}-${number}`;
