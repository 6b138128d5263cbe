import { tokenVerifierFor } from "@marquee/service/auth";
import { createLogger, type Logger } from "@marquee/service/logger";
import { postgresCheck, redisCheck } from "@marquee/service/readiness";
import { closeRedis, createRedis } from "@marquee/service/redis";
import { createService, type Service } from "@marquee/service/server";
import { withAfterCommit } from "./adapters/db/after-commit";
import { createDb, type CatalogDb } from "./adapters/db/client";
import { createReservationHandlers } from "./adapters/kafka/handlers";
import { createSeatMapPublisher } from "./adapters/redis/seat-map-channel";
import { createAppRouter } from "./adapters/trpc/router";
import type { CatalogDeps } from "./app/deps";
import type { CatalogConfig } from "./config";
import { startMessaging } from "@marquee/service/messaging";

export type CatalogService = {
  service: Service;
  deps: CatalogDeps;
  db: CatalogDb;
  /** Listens and joins the `catalog.seatmap` consumer group; resolves with the address. */
  start(): Promise<string>;
  stop(): Promise<void>;
};

/**
 * Wires the catalog service by hand: connections, HTTP API, outbox relay and the seat map
 * projection. `main.ts` runs it; tests run it in-process on port 0.
 */
export const createCatalogService = (
  config: CatalogConfig,
  opts: { logger?: Logger; handleSignals?: boolean } = {},
): CatalogService => {
  const name = "catalog";
  const logger = opts.logger ?? createLogger({ name, level: config.LOG_LEVEL });
  const db = createDb(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL, logger);
  const { db: consumerDb, afterCommit } = withAfterCommit(db, logger);
  const messaging = startMessaging({
    name,
    brokers: config.KAFKA_BROKERS,
    db,
    consumerDb,
    log: logger,
  });
  const deps: CatalogDeps = { db, relay: messaging.relay };

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
    onShutdown: [...messaging.shutdown, () => db.$disconnect(), () => closeRedis(redis)],
    handleSignals: opts.handleSignals ?? true,
  });

  return {
    service,
    deps,
    db,
    async start() {
      const address = await service.start();
      messaging.consume("seatmap", {
        topics: ["inventory.reservations"],
        handlers: createReservationHandlers({
          afterCommit,
          publishChange: createSeatMapPublisher(redis),
        }),
      });
      return address;
    },
    stop: () => service.stop(),
  };
};
