import type { EventLog } from "@marquee/events/log";
import type { SqlDb } from "../adapters/db/ordering-store";
import type { InventoryClient } from "../adapters/inventory/inventory-client";

/** What the use cases share, wired by hand in the composition root. */
export type OrderingDeps = {
  db: SqlDb;
  /** Inventory's API, called with the customer's own token. */
  inventory: InventoryClient;
  /** Wakes the outbox relay after a commit, so events leave within milliseconds. */
  relay: { nudge(): void };
  log: EventLog;
  now?: () => Date;
};

export const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;
