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
export const listEvents = async (
  deps: CatalogDeps,
  q: ListEventsQuery & { after?: { startsAt: Date; id: string } },
): Promise<EventPage> => {
  const now = deps.now?.() ?? new Date();
  const rows = await queryEvents(deps.db, {
    statuses: ["published"],
    text: q.query?.trim() || undefined,
    from: q.from ?? now,
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
