import type { EventLog } from "@marquee/events/log";
import type { SqlDb } from "../adapters/db/payment-store";
import type { InventoryClient } from "../adapters/inventory/inventory-client";
import type { OrderingClient } from "../adapters/ordering/ordering-client";
import type { Gateway } from "../domain/gateway";

/** What the use cases share, wired by hand in the composition root. */
export type PaymentDeps = {
  db: SqlDb;
  gateway: Gateway;
  /** Wakes the outbox relay after a commit, so events leave within milliseconds. */
  relay: { nudge(): void };
  log: EventLog;
  /** Keys the request fingerprint stored for idempotency checks. */
  requestHashSecret: string;
  /** Ordering's API, to read an order through that Kafka has not brought yet; none: Kafka only. */
  ordering?: OrderingClient;
  /** Inventory's API, to pin an order's holds before charging; none: payments are not pinned. */
  inventory?: InventoryClient;
  now?: () => Date;
};

// The gateway answers inside the transaction (up to 500 ms), so leave room for it.
export const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;
