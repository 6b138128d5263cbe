import { enqueue } from "@marquee/events/outbox";
import { lockEvent, TX_OPTIONS, updateEventRow } from "../adapters/db/catalog-store";
import { err, ok, type Result } from "../domain/errors";
import type { CatalogDeps } from "./deps";
import { eventUpdated, type Cause } from "./event-messages";
import { toEventView, type EventView } from "./event-view";

/** Cancels an event for good and tells inventory and ordering (`catalog.event-updated`). Idempotent. */
export const cancelEvent = async (
  deps: CatalogDeps,
  input: { eventId: string; cause: Cause },
): Promise<Result<EventView>> => {
  const result = await deps.db.$transaction(async (tx): Promise<Result<EventView>> => {
    const event = await lockEvent(tx, input.eventId);
    if (!event) return err({ kind: "event-not-found", eventId: input.eventId });
    if (event.status === "cancelled") return ok(toEventView(event));
    await updateEventRow(tx, input.eventId, { status: "cancelled" });
    const cancelled = { ...event, status: "cancelled" as const };
    await enqueue(tx, eventUpdated(cancelled, input.cause));
    return ok(toEventView(cancelled));
  }, TX_OPTIONS);
  if (result.ok) deps.relay.nudge();
  return result;
};
