import type { CheckInListWithCountsRow } from "../adapters/db/check-in-store";
import { PENDING_EVENT_NAME } from "./ticket-view";

/** A door's check-in list as the desk shows it, with admitted / expected. */
export type CheckInListView = {
  id: string;
  eventId: string;
  eventName: string;
  name: string;
  /** The sections that enter here; empty: every section. */
  sections: string[];
  /** Valid tickets of `expected` that are in (through any list). */
  admitted: number;
  /** Valid (not void) tickets of the event in the list's sections. */
  expected: number;
  /** ISO instant. */
  createdAt: string;
};

export const toCheckInListView = (row: CheckInListWithCountsRow): CheckInListView => ({
  id: row.id,
  eventId: row.eventId,
  eventName: row.eventName ?? PENDING_EVENT_NAME,
  name: row.name,
  sections: row.sections,
  admitted: row.admitted,
  expected: row.expected,
  createdAt: row.createdAt.toISOString(),
});
