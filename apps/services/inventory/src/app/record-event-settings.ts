import type { EventOfType } from "@marquee/events/registry";
import {
  markEventCancelled,
  recordHoldExtension,
  upsertHoldTtl,
  type SqlTx,
} from "../adapters/db/inventory-store";
import { upsertSaleSettings } from "../adapters/db/event-settings-store";

/**
 * Keeps what catalog decides about an event: its hold TTL (new holds use it, existing ones keep
 * theirs), by how many minutes a hold may be extended once (checked when a customer extends),
 * whether it was cancelled (no new holds from then on), its start, sales window and
 * waiting room (the hold gate and the waiting room read them). Every message carries the whole
 * current state, so the latest one simply overwrites.
 */
export const recordEventSettings = async (
  tx: SqlTx,
  event: EventOfType<"catalog.event-published" | "catalog.event-updated">,
): Promise<void> => {
  await upsertHoldTtl(tx, event.data.eventId, event.data.holdTtlSeconds);
  await recordHoldExtension(tx, event.data.eventId, event.data.holdExtensionMinutes);
  const cancelled = event.type === "catalog.event-updated" && event.data.status === "cancelled";
  await markEventCancelled(tx, event.data.eventId, cancelled);
  await upsertSaleSettings(tx, {
    eventId: event.data.eventId,
    startsAt: new Date(event.data.startsAt),
    salesOpenAt: event.data.salesOpenAt ? new Date(event.data.salesOpenAt) : null,
    salesCloseAt: event.data.salesCloseAt ? new Date(event.data.salesCloseAt) : null,
    waitingRoom: event.data.waitingRoom,
  });
};
