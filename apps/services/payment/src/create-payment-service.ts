import type { Logger } from "@marquee/service/logger";
import { createServiceRuntime } from "@marquee/service/runtime";
import type { Service } from "@marquee/service/server";
import { createDb, type PaymentDb } from "./adapters/db/client";
import { inventoryHandlers, orderingHandlers } from "./adapters/kafka/handlers";
import { createAppRouter } from "./adapters/trpc/router";
import type { PaymentDeps } from "./app/deps";
import type { PaymentConfig } from "./config";
import { createSimulatedGateway } from "./domain/gateway";

export type PaymentService = {
  service: Service;
  deps: PaymentDeps;
  db: PaymentDb;
  /** Listens and joins the consumer groups; resolves with the address. */
  start(): Promise<string>;
  stop(): Promise<void>;
};

/**
 * Wires the payment service by hand: connections, gateway, use-case dependencies, HTTP API and
 * consumers. `main.ts` runs it; tests run it in-process on port 0.
 */
export const createPaymentService = (
  config: PaymentConfig,
  opts: { logger?: Logger; handleSignals?: boolean } = {},
): PaymentService => {
  const db = createDb(config.DATABASE_URL, { poolMax: config.DB_POOL_MAX });
  const { logger, messaging, serve } = createServiceRuntime({
    name: "payment",
    config,
    db,
    logger: opts.logger,
  });

  const deps: PaymentDeps = {
    db,
    gateway: createSimulatedGateway({
      minLatencyMs: config.GATEWAY_MIN_LATENCY_MS,
      maxLatencyMs: config.GATEWAY_MAX_LATENCY_MS,
    }),
    relay: messaging.relay,
    log: logger,
    requestHashSecret: config.REQUEST_HASH_SECRET,
  };

  const service = serve({ router: createAppRouter(deps), handleSignals: opts.handleSignals });

  return {
    service,
    deps,
    db,
    async start() {
      const address = await service.start();
      messaging.consume("orders", { topics: ["ordering.orders"], handlers: orderingHandlers });
      messaging.consume("reservations", {
        topics: ["inventory.reservations"],
        handlers: inventoryHandlers,
      });
      return address;
    },
    stop: () => service.stop(),
  };
};
