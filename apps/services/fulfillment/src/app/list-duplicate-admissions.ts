import { formatShortCode } from "@marquee/tickets/short-code";
import { listDuplicateAdmissions } from "../adapters/db/offline-scan-store";
import type { FulfillmentDeps } from "./deps";

/** One admission of a ticket admitted twice: when, on which device (null: online) and list. */
export type AdmissionView = { at: string; deviceId: string | null; listName: string | null };

/** A ticket admitted twice, as the organizer sees it on the desk. */
export type DuplicateAdmissionView = {
  id: string;
  ticketId: string;
  shortCode: string;
  section: string;
  row: string;
  number: number;
  /** The earlier admission (the one that counts) and the later, flagged one. */
  first: AdmissionView;
  second: AdmissionView;
  flaggedAt: string;
};

/** An event's tickets admitted twice, most recently flagged first. */
export const listEventDuplicateAdmissions = async (
  deps: FulfillmentDeps,
  eventId: string,
): Promise<DuplicateAdmissionView[]> =>
  (await listDuplicateAdmissions(deps.db, eventId)).map((row) => ({
    id: row.id,
    ticketId: row.ticketId,
    shortCode: formatShortCode(row.shortCode),
    section: row.section,
    row: row.row,
    number: row.number,
    first: {
      at: row.firstAt.toISOString(),
      deviceId: row.firstDeviceId,
      listName: row.firstListName,
    },
    second: {
      at: row.secondAt.toISOString(),
      deviceId: row.secondDeviceId,
      listName: row.secondListName,
    },
    flaggedAt: row.flaggedAt.toISOString(),
  }));
