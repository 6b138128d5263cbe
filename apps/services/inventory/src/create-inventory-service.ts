import type { Logger } from "@marquee/service/logger";
import { createServiceRuntime } from "@marquee/service/runtime";
import type { Service } from "@marquee/service/server";
import { createDb, createHoldPool, type InventoryDb } from "./adapters/db/client";
import { createSeatFactsCache } from "./adapters/db/seat-facts";
import { catalogHandlers, orderingHandlers, paymentHandlers } from "./adapters/kafka/handlers";
import { createSeatLocks } from "./adapters/redis/seat-locks";
import { createAppRouter } from "./adapters/trpc/router";
import type { InventoryDeps } from "./app/deps";
import { startExpiryWorker, type ExpiryWorker } from "./app/expire-holds";
import type { InventoryConfig } from "./config";

export type InventoryService = {
  service: Service;
  deps: InventoryDeps;
  db: InventoryDb;
  /** Listens, joins the consumer groups and starts the expiry worker; resolves with the address. */
  start(): Promise<string>;
  stop(): Promise<void>;
};

/**
 * Wires the inventory service by hand: connections, use-case dependencies, HTTP API, consumers
 * and the expiry worker. `main.ts` runs it; tests run it in-process on port 0.
 */
export const createInventoryService = (
  config: InventoryConfig,
  opts: { logger?: Logger; handleSignals?: boolean } = {},
): InventoryService => {
  const db = createDb(config.DATABASE_URL, { poolMax: config.DB_POOL_MAX });
  const holdPool = createHoldPool(config.DATABASE_URL, { poolMax: config.DB_POOL_MAX });
  const { logger, redis, messaging, serve } = createServiceRuntime({
    name: "inventory",
    config,
    db,
    logger: opts.logger,
  });

  const deps: InventoryDeps = {
    db,
    holdPool,
    seatFacts: createSeatFactsCache(holdPool),
    locks: createSeatLocks(redis, { ttlMs: config.SEAT_LOCK_TTL_MS }),
    relay: messaging.relay,
    log: logger,
    settings: {
      holdTtlSeconds: config.HOLD_TTL_SECONDS,
      maxSeatsPerCustomer: config.MAX_SEATS_PER_CUSTOMER,
    },
  };

  let expiry: ExpiryWorker | undefined;
  const service = serve({
    router: createAppRouter(deps),
    stopFirst: [() => expiry?.stop(), () => holdPool.end()],
    handleSignals: opts.handleSignals,
  });

  return {
    service,
    deps,
    db,
    async start() {
      const address = await service.start();
      messaging.consume("catalog", { topics: ["catalog.events"], handlers: catalogHandlers });
      messaging.consume("payments", { topics: ["payment.payments"], handlers: paymentHandlers });
      messaging.consume("orders", { topics: ["ordering.orders"], handlers: orderingHandlers });
      expiry = startExpiryWorker(deps, {
        intervalMs: config.EXPIRY_INTERVAL_MS,
        batchSize: config.EXPIRY_BATCH_SIZE,
      });
      return address;
    },
    stop: () => service.stop(),
  };
};
