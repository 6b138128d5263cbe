import { tokenVerifierFor } from "@marquee/service/auth";
import { createLogger, type Logger } from "@marquee/service/logger";
import { startMessaging } from "@marquee/service/messaging";
import { postgresCheck, redisCheck } from "@marquee/service/readiness";
import { closeRedis, createRedis } from "@marquee/service/redis";
import { createService, type Service } from "@marquee/service/server";
import { createDb, type InventoryDb } from "./adapters/db/client";
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
  const name = "inventory";
  const logger = opts.logger ?? createLogger({ name, level: config.LOG_LEVEL });
  const db = createDb(config.DATABASE_URL, { poolMax: config.DB_POOL_MAX });
  const redis = createRedis(config.REDIS_URL, logger);
  const messaging = startMessaging({ name, brokers: config.KAFKA_BROKERS, db, log: logger });

  const deps: InventoryDeps = {
    db,
    locks: createSeatLocks(redis, { ttlMs: config.SEAT_LOCK_TTL_MS }),
    relay: messaging.relay,
    log: logger,
    settings: {
      holdTtlSeconds: config.HOLD_TTL_SECONDS,
      maxSeatsPerCustomer: config.MAX_SEATS_PER_CUSTOMER,
    },
  };

  let expiry: ExpiryWorker | undefined;
  const service = createService({
    name,
    port: config.PORT,
    host: config.HOST,
    logger,
    router: createAppRouter(deps),
    verifier: tokenVerifierFor(config),
    readiness: {
      postgres: postgresCheck(db),
      redis: redisCheck(redis),
      kafka: messaging.readiness,
    },
    onShutdown: [
      () => expiry?.stop(),
      ...messaging.shutdown,
      () => db.$disconnect(),
      () => closeRedis(redis),
    ],
    handleSignals: opts.handleSignals ?? true,
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
