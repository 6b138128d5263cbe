import type { EventOfType } from "@marquee/events/registry";
import { markEventCancelled, upsertHoldTtl, type SqlTx } from "../adapters/db/inventory-store";

/**
 * Keeps what catalog decides about an event: its hold TTL (new holds use it, existing ones keep
 * theirs) and whether it was cancelled (no new holds from then on).
 */
export const recordEventSettings = async (
  tx: SqlTx,
  event: EventOfType<"catalog.event-published" | "catalog.event-updated">,
): Promise<void> => {
  await upsertHoldTtl(tx, event.data.eventId, event.data.holdTtlSeconds);
  const cancelled = event.type === "catalog.event-updated" && event.data.status === "cancelled";
  await markEventCancelled(tx, event.data.eventId, cancelled);
};
