import type { EventLog } from "@marquee/events/log";
import type { Pool } from "../adapters/db/client";
import type { HoldBatcher } from "../adapters/db/hold-seats";
import type { SqlDb } from "../adapters/db/inventory-store";
import type { SeatFactsCache } from "../adapters/db/seat-facts";
import type { SeatLocks } from "../adapters/redis/seat-locks";

/** What the use cases share, wired by hand in the composition root. */
export type InventoryDeps = {
  db: SqlDb;
  /** Plain pg pool for the hot path: the hold batches and the seat facts. */
  holdPool: Pool;
  /** Holds go to the database in batches of whatever is waiting (`adapters/db/hold-seats.ts`). */
  holds: HoldBatcher;
  /** Seat facts that never change, from memory after the first lookup. */
  seatFacts: SeatFactsCache;
  locks: SeatLocks;
  /** Wakes the outbox relay after a commit, so events leave within milliseconds. */
  relay: { nudge(): void };
  log: EventLog;
  settings: { holdTtlSeconds: number; maxSeatsPerCustomer: number };
  /**
   * Wakes the waiting-list offer worker in this process: seats just came back (the sweeper, a
   * release) or an entry left, so the list sees them within moments rather than at its next pass.
   */
  offers?: { nudge(): void };
  /** How long a pin for a payment lasts (`pinForPayment`, `PAYMENT_PIN_MS`). */
  paymentPinMs: number;
  now?: () => Date;
};

export const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;
