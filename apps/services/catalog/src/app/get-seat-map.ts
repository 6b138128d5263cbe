import {
  findEvent,
  findLayoutHead,
  readSeatMapSeats,
  readSectionSeatIds,
} from "../adapters/db/catalog-store";
import { encodeSeatMap, type SeatMap } from "../domain/seat-map";
import type { CatalogDeps } from "./deps";

const isPublic = (status: string | undefined) => status === "published" || status === "cancelled";

/** The compact seat map of a public event with a layout, or null. */
export const getSeatMap = async (deps: CatalogDeps, eventId: string): Promise<SeatMap | null> => {
  const [event, head, seats] = await Promise.all([
    findEvent(deps.db, eventId),
    findLayoutHead(deps.db, eventId),
    readSeatMapSeats(deps.db, eventId),
  ]);
  if (!isPublic(event?.status) || !head) return null;
  return encodeSeatMap({ eventId, ...head }, seats);
};

/**
 * The seat ids of one section in seat map order, so a client can turn "section 3, seat index 41"
 * into the seatId that inventory's `reserve` takes. Null when the event or section is unknown.
 */
export const getSectionSeatIds = async (
  deps: CatalogDeps,
  eventId: string,
  section: number,
): Promise<{ eventId: string; section: number; seatIds: string[] } | null> => {
  const [event, head] = await Promise.all([
    findEvent(deps.db, eventId),
    findLayoutHead(deps.db, eventId),
  ]);
  if (!isPublic(event?.status) || !head || section >= head.sectionNames.length) return null;
  return { eventId, section, seatIds: await readSectionSeatIds(deps.db, eventId, section) };
};
