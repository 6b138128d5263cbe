import { sqlDbOf } from "@marquee/db/sql-db";
import type { Logger } from "@marquee/service/logger";
import { createServiceRuntime } from "@marquee/service/runtime";
import type { Service } from "@marquee/service/server";
import { createDb, type PaymentDb } from "./adapters/db/client";
import { createSimulatedGateway } from "./adapters/gateway/simulated-gateway";
import { createInventoryClient } from "./adapters/inventory/inventory-client";
import { createOrderingClient } from "./adapters/ordering/ordering-client";
import { inventoryHandlers, orderingHandlers } from "./adapters/kafka/handlers";
import { createAppRouter } from "./adapters/trpc/router";
import type { PaymentDeps } from "./app/deps";
import { startRecoveryWorker, type RecoveryWorker } from "./app/recover-payments";
import type { PaymentConfig } from "./config";

export type PaymentService = {
  service: Service;
  deps: PaymentDeps;
  db: PaymentDb;
  /** Listens and joins the consumer groups; resolves with the address. */
  start(): Promise<string>;
  stop(): Promise<void>;
};

/**
 * Wires the payment service by hand: connections, gateway, use-case dependencies, HTTP API,
 * consumers and the recovery of stalled payments. `main.ts` runs it; tests run it in-process on port 0.
 */
export const createPaymentService = (
  config: PaymentConfig,
  opts: {
    logger?: Logger;
    handleSignals?: boolean;
    /** Tests: a scratch schema instead of `bc_payment`, and consumer groups of their own. */
    isolation?: { schema: string; groupPrefix: string };
  } = {},
): PaymentService => {
  const db = createDb(config.DATABASE_URL, {
    poolMax: config.DB_POOL_MAX,
    ...(opts.isolation ? { schema: opts.isolation.schema } : {}),
  });
  const { logger, messaging, redis, serve } = createServiceRuntime({
    name: "payment",
    config,
    db,
    logger: opts.logger,
    groupPrefix: opts.isolation?.groupPrefix,
  });

  const deps: PaymentDeps = {
    // Use cases run raw SQL only: straight on the pool, not through Prisma's query layer.
    db: sqlDbOf(db),
    gateway: createSimulatedGateway(redis, {
      minLatencyMs: config.GATEWAY_MIN_LATENCY_MS,
      maxLatencyMs: config.GATEWAY_MAX_LATENCY_MS,
    }),
    relay: messaging.relay,
    log: logger,
    requestHashSecret: config.REQUEST_HASH_SECRET,
    ...(config.ORDERING_URL ? { ordering: createOrderingClient(config.ORDERING_URL) } : {}),
    ...(config.INVENTORY_URL ? { inventory: createInventoryClient(config.INVENTORY_URL) } : {}),
  };

  let recovery: RecoveryWorker | undefined;
  const service = serve({
    router: createAppRouter(deps),
    handleSignals: opts.handleSignals,
    stopFirst: [() => recovery?.stop()],
  });

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
      recovery = startRecoveryWorker(deps, {
        stalledAfterMs: config.STALLED_PAYMENT_AFTER_MS,
        intervalMs: config.PAYMENT_RECOVERY_INTERVAL_MS,
        batchSize: 50,
      });
      return address;
    },
    stop: () => service.stop(),
  };
};
