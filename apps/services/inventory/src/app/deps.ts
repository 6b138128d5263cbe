import type { EventLog } from "@marquee/events/log";
import type { SqlDb } from "../adapters/db/inventory-store";
import type { SeatLocks } from "../adapters/redis/seat-locks";

/** What the use cases share, wired by hand in the composition root. */
export type InventoryDeps = {
  db: SqlDb;
  locks: SeatLocks;
  /** Wakes the outbox relay after a commit, so events leave within milliseconds. */
  relay: { nudge(): void };
  log: EventLog;
  settings: { holdTtlSeconds: number; maxSeatsPerCustomer: number };
  now?: () => Date;
};

export const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;
