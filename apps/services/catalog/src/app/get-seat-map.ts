import {
  findEvent,
  findLayoutHead,
  readSeatMapSeats,
  readSectionSeatIds,
  readTakenSeats,
} from "../adapters/db/catalog-store";
import { encodeSeatMap, withAvailability, type SeatMap } from "../domain/seat-map";
import type { CatalogDeps } from "./deps";

const isPublic = (status: string | undefined) => status === "published" || status === "cancelled";

/** Layouts encoded once per process: a layout never changes after it is generated. */
const LAYOUT_CACHE_SIZE = 200;
const layouts = new Map<string, SeatMap>();

const layoutOf = async (deps: CatalogDeps, eventId: string): Promise<SeatMap | null> => {
  const cached = layouts.get(eventId);
  if (cached) return cached;
  const [head, seats] = await Promise.all([
    findLayoutHead(deps.db, eventId),
    readSeatMapSeats(deps.db, eventId),
  ]);
  if (!head) return null;
  const layout = encodeSeatMap(
    { eventId, ...head },
    seats.map((seat) => ({ ...seat, state: "available" as const })),
  );
  if (layouts.size >= LAYOUT_CACHE_SIZE) {
    const oldest = layouts.keys().next().value;
    if (oldest !== undefined) layouts.delete(oldest);
  }
  layouts.set(eventId, layout);
  return layout;
};

/**
 * A seat map as answered: `revision` is the event's live seat-map revision read before the seats
 * were (`seatMapRevisionKey`), so the map holds every change published up to it; null when it
 * could not be read.
 */
export type SeatMapAnswer = SeatMap & { revision: number | null };

/**
 * The compact seat map of a public event with a layout, or null. The layout part comes from the
 * cache; availability is read on every call (only held and sold seats), so it is never stale.
 */
export const getSeatMap = async (
  deps: CatalogDeps,
  eventId: string,
): Promise<SeatMapAnswer | null> => {
  // The revision first: the seats read after it hold every change published up to it.
  const [event, revision] = await Promise.all([
    findEvent(deps.db, eventId),
    deps.seatMapRevision?.(eventId) ?? null,
  ]);
  if (!isPublic(event?.status) || !event?.layout) return null;
  const [layout, taken] = await Promise.all([
    layoutOf(deps, eventId),
    readTakenSeats(deps.db, eventId),
  ]);
  return layout ? { ...withAvailability(layout, taken), revision } : null;
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
