import type { Logger } from "@marquee/service/logger";
import { createServiceRuntime } from "@marquee/service/runtime";
import type { Service } from "@marquee/service/server";
import { createDb, type FulfillmentDb } from "./adapters/db/client";
import { loadDoorListKey } from "./adapters/keys/door-list-key";
import { ticketsPdfRoute } from "./adapters/http/tickets-pdf-route";
import { catalogHandlers, orderingHandlers, paymentHandlers } from "./adapters/kafka/handlers";
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
  const db = createDb(config.DATABASE_URL, {
    poolMax: config.DB_POOL_MAX,
    ...(opts.isolation ? { schema: opts.isolation.schema } : {}),
  });
  const { logger, messaging, verifier, serve } = createServiceRuntime({
    name: "fulfillment",
    config,
    db,
    logger: opts.logger,
    groupPrefix: opts.isolation?.groupPrefix,
  });

  const deps: FulfillmentDeps = {
    db,
    relay: messaging.relay,
    log: logger,
    signingKey: config.TICKET_SIGNING_KEY,
    doorListKey: loadDoorListKey(config.DOOR_LIST_SIGNING_KEY),
  };

  const service = serve({
    router: createAppRouter(deps),
    routes: ticketsPdfRoute(deps, verifier),
    handleSignals: opts.handleSignals,
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
      messaging.consume("payments", { topics: ["payment.payments"], handlers: paymentHandlers });
      return address;
    },
    stop: () => service.stop(),
  };
};
