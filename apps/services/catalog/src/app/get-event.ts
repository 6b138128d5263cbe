import { countSeatsByState, findEvent } from "../adapters/db/catalog-store";
import type { SeatState } from "../domain/seat-map";
import type { CatalogDeps } from "./deps";
import { toEventView, type EventView } from "./event-view";

export type EventDetails = EventView & { availability: Record<SeatState, number> | null };

/** A public event (published or cancelled, never a draft), or null; admins see drafts too. */
export const getEvent = async (
  deps: CatalogDeps,
  eventId: string,
  { includeDrafts = false } = {},
): Promise<EventDetails | null> => {
  const row = await findEvent(deps.db, eventId);
  if (!row || (row.status === "draft" && !includeDrafts)) return null;
  const availability = row.layout ? await countSeatsByState(deps.db, eventId) : null;
  return { ...toEventView(row), availability };
};
