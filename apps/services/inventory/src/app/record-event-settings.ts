import type { EventOfType } from "@marquee/events/registry";
import { upsertHoldTtl, type SqlTx } from "../adapters/db/inventory-store";

/** Keeps the per-event hold TTL that catalog decides; new holds use it, existing ones keep theirs. */
export const recordEventSettings = async (
  tx: SqlTx,
  event: EventOfType<"catalog.event-published" | "catalog.event-updated">,
): Promise<void> => {
  await upsertHoldTtl(tx, event.data.eventId, event.data.holdTtlSeconds);
};
