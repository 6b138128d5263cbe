import {
  findCheckInList,
  findCheckInListRow,
  listCheckInListsOfEvent,
  type CheckInListRow,
} from "../adapters/db/check-in-store";
import { toCheckInListView, type CheckInListView } from "./check-in-list-view";
import type { FulfillmentDeps } from "./deps";

/** An event's check-in lists with their counts, oldest first; none for an unknown event. */
export const listCheckInLists = async (
  deps: FulfillmentDeps,
  eventId: string,
): Promise<CheckInListView[]> =>
  (await listCheckInListsOfEvent(deps.db, eventId)).map(toCheckInListView);

/** One list with its counts as they are now, or null. */
export const getCheckInList = async (
  deps: FulfillmentDeps,
  listId: string,
): Promise<CheckInListView | null> => {
  const row = await findCheckInList(deps.db, listId);
  return row ? toCheckInListView(row) : null;
};

/** Which event and sections a list is for, or null; without its counts (one scan, one count). */
export const findDoorList = (
  deps: FulfillmentDeps,
  listId: string,
): Promise<Pick<CheckInListRow, "id" | "eventId" | "sections"> | null> =>
  findCheckInListRow(deps.db, listId);
