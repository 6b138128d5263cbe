import { queryEvents } from "../adapters/db/catalog-store";
import type { CatalogDeps } from "./deps";
import { toEventView, type EventView } from "./event-view";

export type ListEventsQuery = {
  query?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
};

export type EventPage = { items: EventView[]; nextCursor: string | null };

export type EventStatus = "draft" | "published" | "cancelled";

// The cursor is the last item's (startsAt, id), opaque to clients.
const encodeCursor = (startsAt: string, id: string): string =>
  Buffer.from(`${startsAt}|${id}`).toString("base64url");

export const decodeCursor = (cursor: string): { startsAt: Date; id: string } | null => {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const startsAt = new Date(iso ?? "");
  if (!id || Number.isNaN(startsAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { startsAt, id };
};

/**
 * Published events, soonest first. Without `from`, only events that have not started yet: a
 * storefront lists what can still be bought.
 */
export const listEvents = (
  deps: CatalogDeps,
  q: ListEventsQuery & { after?: { startsAt: Date; id: string } },
): Promise<EventPage> =>
  pageOfEvents(deps, { ...q, statuses: ["published"], from: q.from ?? deps.now?.() ?? new Date() });

/**
 * Every event an organizer manages, drafts and cancelled ones included, soonest first; past
 * events only when `from` reaches back to them.
 */
export const listEventsForOrganizer = (
  deps: CatalogDeps,
  q: ListEventsQuery & { after?: { startsAt: Date; id: string }; status?: EventStatus },
): Promise<EventPage> =>
  pageOfEvents(deps, {
    ...q,
    statuses: q.status ? [q.status] : ["draft", "published", "cancelled"],
  });

const pageOfEvents = async (
  deps: CatalogDeps,
  q: ListEventsQuery & { after?: { startsAt: Date; id: string }; statuses: EventStatus[] },
): Promise<EventPage> => {
  const rows = await queryEvents(deps.db, {
    statuses: q.statuses,
    text: q.query?.trim() || undefined,
    from: q.from,
    to: q.to,
    after: q.after,
    take: q.limit + 1,
  });
  const items = rows.slice(0, q.limit).map(toEventView);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.startsAt, last.id) : null,
  };
};
