import { enqueue } from "@marquee/events/outbox";
import {
  lockEvent,
  TX_OPTIONS,
  updateEventRow,
  type EventChanges,
} from "../adapters/db/catalog-store";
import { err, ok, type Result } from "../domain/errors";
import type { CancellationPolicy } from "@marquee/events/contracts/catalog";
import { checkSalesSettings, type WaitingRoomSettings } from "../domain/sales-settings";
import type { CatalogDeps } from "./deps";
import { eventUpdated, type Cause } from "./event-messages";
import { cancellationColumns, toEventView, type EventView } from "./event-view";

/** What an organizer may change; absent fields stay as they are, null clears a nullable one. */
export type EventDetailsChanges = Omit<
  EventChanges,
  | "waitingRoomAdmitPerMinute"
  | "waitingRoomWindowSeconds"
  | "cancellationAllowed"
  | "cancellationHoursBefore"
  | "cancellationFeeCents"
  | "cancellationFeeBasisPoints"
> & { waitingRoom?: WaitingRoomSettings | null; cancellation?: CancellationPolicy };

/**
 * Changes an event's details. Once published, inventory and ordering follow through
 * `catalog.event-updated` (written in the same transaction). A cancelled event stays as it is.
 * The sales window is checked against the event as it will be (a new start time can make a
 * stored window invalid, which is refused too).
 */
export const updateEvent = async (
  deps: CatalogDeps,
  input: { eventId: string; changes: EventDetailsChanges; cause: Cause },
): Promise<Result<EventView>> => {
  const { waitingRoom, cancellation, ...rest } = input.changes;
  const changes: EventChanges = {
    ...rest,
    ...(waitingRoom !== undefined
      ? {
          waitingRoomAdmitPerMinute: waitingRoom?.admitPerMinute ?? null,
          waitingRoomWindowSeconds: waitingRoom?.windowSeconds ?? null,
        }
      : {}),
    ...(cancellation !== undefined ? cancellationColumns(cancellation) : {}),
  };
  const result = await deps.db.$transaction(async (tx): Promise<Result<EventView>> => {
    const before = await lockEvent(tx, input.eventId);
    if (!before) return err({ kind: "event-not-found", eventId: input.eventId });
    if (before.status === "cancelled")
      return err({ kind: "event-cancelled", eventId: input.eventId });
    const problem = checkSalesSettings({
      startsAt: changes.startsAt ?? before.startsAt,
      salesOpenAt: changes.salesOpenAt !== undefined ? changes.salesOpenAt : before.salesOpenAt,
      salesCloseAt: changes.salesCloseAt !== undefined ? changes.salesCloseAt : before.salesCloseAt,
      waitingRoom: null,
    });
    if (problem) return err({ kind: "invalid-sales-settings", ...problem });
    await updateEventRow(tx, input.eventId, changes);
    const after = await lockEvent(tx, input.eventId);
    if (!after) throw new Error(`event ${input.eventId} vanished in its own transaction`);
    if (after.status === "published") await enqueue(tx, eventUpdated(after, input.cause));
    return ok(toEventView(after));
  }, TX_OPTIONS);
  if (result.ok) deps.relay.nudge();
  return result;
};
