import { enqueue } from "@marquee/events/outbox";
import {
  lockEvent,
  TX_OPTIONS,
  updateEventRow,
  type EventChanges,
} from "../adapters/db/catalog-store";
import { err, ok, type Result } from "../domain/errors";
import type { CatalogDeps } from "./deps";
import { eventUpdated, type Cause } from "./event-messages";
import { toEventView, type EventView } from "./event-view";

/**
 * Changes an event's details. Once published, inventory and ordering follow through
 * `catalog.event-updated` (written in the same transaction). A cancelled event stays as it is.
 */
export const updateEvent = async (
  deps: CatalogDeps,
  input: { eventId: string; changes: EventChanges; cause: Cause },
): Promise<Result<EventView>> => {
  const result = await deps.db.$transaction(async (tx): Promise<Result<EventView>> => {
    const before = await lockEvent(tx, input.eventId);
    if (!before) return err({ kind: "event-not-found", eventId: input.eventId });
    if (before.status === "cancelled")
      return err({ kind: "event-cancelled", eventId: input.eventId });
    await updateEventRow(tx, input.eventId, input.changes);
    const after = await lockEvent(tx, input.eventId);
    if (!after) throw new Error(`event ${input.eventId} vanished in its own transaction`);
    if (after.status === "published") await enqueue(tx, eventUpdated(after, input.cause));
    return ok(toEventView(after));
  }, TX_OPTIONS);
  if (result.ok) deps.relay.nudge();
  return result;
};
