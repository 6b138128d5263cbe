import { seatStatesOf, type SqlTx } from "../adapters/db/inventory-store";

/** Compact availability of one event: counts per state, and which seats are held or sold. */
export type Availability = {
  eventId: string;
  total: number;
  available: number;
  held: number;
  sold: number;
  heldSeatIds: string[];
  soldSeatIds: string[];
};

export const getAvailability = async (db: SqlTx, eventId: string): Promise<Availability> => {
  const rows = await seatStatesOf(db, eventId);
  const of = (state: "available" | "held" | "sold") => rows.find((row) => row.state === state);
  const count = (state: "available" | "held" | "sold") => of(state)?.count ?? 0;
  return {
    eventId,
    total: count("available") + count("held") + count("sold"),
    available: count("available"),
    held: count("held"),
    sold: count("sold"),
    heldSeatIds: of("held")?.seatIds ?? [],
    soldSeatIds: of("sold")?.seatIds ?? [],
  };
};
