/** Where a seat is: its section, its row's label and its number in the row. */
export type SeatPosition = { section: string; row: string; number: number };

/**
 * How a seat is written everywhere: on the web (lists, buttons' accessible names, the door's
 * answers), in the emails, on the PDF and in the services' error messages. Spelled out, so a screen
 * reader says it as it is meant and no reader has to guess which of "A-3-6" is the row.
 */
export const seatLabel = ({ section, row, number }: SeatPosition): string =>
  `Section ${section}, row ${row}, seat ${number}`;
