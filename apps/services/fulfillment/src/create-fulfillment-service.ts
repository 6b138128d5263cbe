import { tokenVerifierFor } from "@marquee/service/auth";
import { createLogger, type Logger } from "@marquee/service/logger";
import { startMessaging } from "@marquee/service/messaging";
import { postgresCheck, redisCheck } from "@marquee/service/readiness";
import { closeRedis, createRedis } from "@marquee/service/redis";
import { createService, type Service } from "@marquee/service/server";
import { createDb, type FulfillmentDb } from "./adapters/db/client";
import { ticketsPdfRoute } from "./adapters/http/tickets-pdf-route";
import { catalogHandlers, orderingHandlers } from "./adapters/kafka/handlers";
import { createAppRouter } from "./adapters/trpc/router";
import type { FulfillmentDeps } from "./app/deps";
import type { FulfillmentConfig } from "./config";

export type FulfillmentService = {
  service: Service;
  deps: FulfillmentDeps;
  db: FulfillmentDb;
  /** Listens and joins the consumer groups; resolves with the address. */
  start(): Promise<string>;
  stop(): Promise<void>;
};

/**
 * Wires the fulfillment service by hand: connections, use-case dependencies, HTTP API (tRPC and
 * the PDF route) and consumers. `main.ts` runs it; tests run it in-process on port 0.
 */
export const createFulfillmentService = (
  config: FulfillmentConfig,
  opts: {
    logger?: Logger;
    handleSignals?: boolean;
    /** Tests: a scratch schema instead of `bc_fulfillment`, and consumer groups of their own. */
    isolation?: { schema: string; groupPrefix: string };
  } = {},
): FulfillmentService => {
  const name = "fulfillment";
  const logger = opts.logger ?? createLogger({ name, level: config.LOG_LEVEL });
  const db = createDb(config.DATABASE_URL, {
    poolMax: config.DB_POOL_MAX,
    ...(opts.isolation ? { schema: opts.isolation.schema } : {}),
  });
  const redis = createRedis(config.REDIS_URL, logger);
  const messaging = startMessaging({
    name: opts.isolation?.groupPrefix ?? name,
    brokers: config.KAFKA_BROKERS,
    db,
    log: logger,
  });
  const verifier = tokenVerifierFor(config);

  const deps: FulfillmentDeps = {
    db,
    relay: messaging.relay,
    log: logger,
    signingKey: config.TICKET_SIGNING_KEY,
  };

  const service = createService({
    name,
    port: config.PORT,
    host: config.HOST,
    logger,
    router: createAppRouter(deps),
    verifier,
    routes: ticketsPdfRoute(deps, verifier),
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
      messaging.consume("events", { topics: ["catalog.events"], handlers: catalogHandlers });
      messaging.consume("orders", {
        topics: ["ordering.orders"],
        handlers: orderingHandlers(deps),
      });
      return address;
    },
    stop: () => service.stop(),
  };
};
