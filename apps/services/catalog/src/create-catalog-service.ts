import { createLogger, type Logger } from "@marquee/service/logger";
import { sqlDbOf } from "@marquee/db/sql-db";
import { createServiceRuntime } from "@marquee/service/runtime";
import type { Service } from "@marquee/service/server";
import { withAfterCommit } from "./adapters/db/after-commit";
import { createDb, type CatalogDb } from "./adapters/db/client";
import { createReservationHandlers } from "./adapters/kafka/handlers";
import {
  createSeatMapPublisher,
  createSeatMapRevisionReader,
} from "./adapters/redis/seat-map-channel";
import { createAppRouter } from "./adapters/trpc/router";
import type { CatalogDeps } from "./app/deps";
import type { CatalogConfig } from "./config";

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
  const db = createDb(config.DATABASE_URL);
  const logger = opts.logger ?? createLogger({ name: "catalog", level: config.LOG_LEVEL });
  const { db: consumerDb, afterCommit } = withAfterCommit(sqlDbOf(db), logger);
  const { redis, messaging, serve } = createServiceRuntime({
    name: "catalog",
    config,
    db,
    consumerDb,
    logger,
  });
  const deps: CatalogDeps = {
    db,
    relay: messaging.relay,
    seatMapRevision: createSeatMapRevisionReader(redis),
  };

  const service = serve({ router: createAppRouter(deps), handleSignals: opts.handleSignals });

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
