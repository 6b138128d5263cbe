import { enqueue } from "@marquee/events/outbox";
import { lockEvent, TX_OPTIONS, updateEventRow } from "../adapters/db/catalog-store";
import { err, ok, type Result } from "../domain/errors";
import type { CatalogDeps } from "./deps";
import { eventPublished, type Cause } from "./event-messages";
import { toEventView, type EventView } from "./event-view";

/**
 * Puts a draft on sale and announces `catalog.event-published`. Refused without a seat layout
 * (there would be nothing to sell). Publishing a published event again is a no-op.
 */
export const publishEvent = async (
  deps: CatalogDeps,
  input: { eventId: string; cause: Cause },
): Promise<Result<EventView>> => {
  const now = deps.now?.() ?? new Date();
  const result = await deps.db.$transaction(async (tx): Promise<Result<EventView>> => {
    const event = await lockEvent(tx, input.eventId);
    if (!event) return err({ kind: "event-not-found", eventId: input.eventId });
    if (event.status === "published") return ok(toEventView(event));
    if (event.status === "cancelled")
      return err({ kind: "event-cancelled", eventId: input.eventId });
    if (!event.layout) return err({ kind: "layout-missing", eventId: input.eventId });
    await updateEventRow(tx, input.eventId, { status: "published", publishedAt: now });
    const published = { ...event, status: "published" as const, publishedAt: now };
    await enqueue(tx, eventPublished(published, input.cause));
    return ok(toEventView(published));
  }, TX_OPTIONS);
  if (result.ok) deps.relay.nudge();
  return result;
};
