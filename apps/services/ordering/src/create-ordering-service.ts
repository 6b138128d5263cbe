import { sqlDbOf } from "@marquee/db/sql-db";
import type { Logger } from "@marquee/service/logger";
import { createServiceRuntime } from "@marquee/service/runtime";
import type { Service } from "@marquee/service/server";
import { createDb, type OrderingDb } from "./adapters/db/client";
import { createInventoryClient } from "./adapters/inventory/inventory-client";
import {
  catalogHandlers,
  inventoryHandlers,
  paymentHandlers,
  ticketHandlers,
} from "./adapters/kafka/handlers";
import { createAppRouter } from "./adapters/trpc/router";
import type { OrderingDeps } from "./app/deps";
import type { OrderingConfig } from "./config";

export type OrderingService = {
  service: Service;
  deps: OrderingDeps;
  db: OrderingDb;
  /** Listens and joins the consumer groups; resolves with the address. */
  start(): Promise<string>;
  stop(): Promise<void>;
};

/**
 * Wires the ordering service by hand: connections, inventory client, use-case dependencies, HTTP
 * API and consumers. `main.ts` runs it; tests run it in-process on port 0.
 */
export const createOrderingService = (
  config: OrderingConfig,
  opts: { logger?: Logger; handleSignals?: boolean } = {},
): OrderingService => {
  const db = createDb(config.DATABASE_URL, { poolMax: config.DB_POOL_MAX });
  const { logger, messaging, serve } = createServiceRuntime({
    name: "ordering",
    config,
    db,
    logger: opts.logger,
  });

  const deps: OrderingDeps = {
    // Use cases run raw SQL only: straight on the pool, not through Prisma's query layer.
    db: sqlDbOf(db),
    inventory: createInventoryClient(config.INVENTORY_URL),
    relay: messaging.relay,
    log: logger,
  };

  const service = serve({ router: createAppRouter(deps), handleSignals: opts.handleSignals });

  return {
    service,
    deps,
    db,
    async start() {
      const address = await service.start();
      messaging.consume("reservations", {
        topics: ["inventory.reservations"],
        handlers: inventoryHandlers,
      });
      messaging.consume("payments", { topics: ["payment.payments"], handlers: paymentHandlers });
      messaging.consume("tickets", { topics: ["fulfillment.tickets"], handlers: ticketHandlers });
      messaging.consume("events", { topics: ["catalog.events"], handlers: catalogHandlers });
      return address;
    },
    stop: () => service.stop(),
  };
};
