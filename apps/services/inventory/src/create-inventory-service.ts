import { sqlDbOf } from "@marquee/db/sql-db";
import { Topics } from "@marquee/events/topics";
import type { Logger } from "@marquee/service/logger";
import { createServiceRuntime } from "@marquee/service/runtime";
import type { Service } from "@marquee/service/server";
import { createDb, createHoldPool, type InventoryDb } from "./adapters/db/client";
import { createHoldBatcher } from "./adapters/db/hold-seats";
import { createSeatFactsCache } from "./adapters/db/seat-facts";
import { catalogHandlers, orderingHandlers, paymentHandlers } from "./adapters/kafka/handlers";
import { createAdmissionTokens } from "./adapters/jwt/admission-tokens";
import { createSeatLocks } from "./adapters/redis/seat-locks";
import { createWaitingRoomStore } from "./adapters/redis/waiting-room-store";
import { createAppRouter } from "./adapters/trpc/router";
import type { InventoryDeps } from "./app/deps";
import { startExpiryWorker, type ExpiryWorker } from "./app/expire-holds";
import { startOfferWorker, type OfferWorker } from "./app/offer-returned-seats";
import { startWaitingRoomTicker, type WaitingRoomTicker } from "./app/admit-from-waiting-rooms";
import { createSaleGate } from "./app/check-sale-gate";
import { createSaleSettingsCache } from "./app/sale-settings-cache";
import type { WaitingRoomDeps } from "./app/waiting-room-deps";
import { createProofOfWork } from "@marquee/service/proof-of-work";
import { randomInt } from "node:crypto";
import type { InventoryConfig } from "./config";

export type InventoryService = {
  service: Service;
  deps: InventoryDeps;
  /** The waiting room's and the hold gate's dependencies (its store reads Redis directly). */
  waitingRoom: WaitingRoomDeps;
  db: InventoryDb;
  /** Listens, joins the consumer groups and starts the expiry worker; resolves with the address. */
  start(): Promise<string>;
  stop(): Promise<void>;
};

/** Inventory's consumer groups (`inventory.<purpose>`) and the topic each reads. */
export const inventoryConsumers = {
  catalog: Topics.catalogEvents,
  payments: Topics.paymentPayments,
  orders: Topics.orderingOrders,
} as const;

/**
 * Wires the inventory service by hand: connections, use-case dependencies, HTTP API, consumers
 * and the expiry worker. `main.ts` runs it; tests run it in-process on port 0.
 */
export const createInventoryService = (
  config: InventoryConfig,
  opts: {
    logger?: Logger;
    handleSignals?: boolean;
    clock?: () => Date;
    /** Tests: a scratch schema instead of `bc_inventory`, and consumer groups of their own. */
    isolation?: { schema: string; groupPrefix: string };
  } = {},
): InventoryService => {
  const schema = opts.isolation ? { schema: opts.isolation.schema } : {};
  const db = createDb(config.DATABASE_URL, { poolMax: config.DB_POOL_MAX, ...schema });
  const holdPool = createHoldPool(config.DATABASE_URL, {
    poolMax: config.HOLD_BATCHES_IN_FLIGHT + 2,
    ...schema,
  });
  const { logger, redis, messaging, serve } = createServiceRuntime({
    name: "inventory",
    config,
    db,
    logger: opts.logger,
    groupPrefix: opts.isolation?.groupPrefix,
  });

  const deps: InventoryDeps = {
    // Use cases run raw SQL only: straight on the pool, not through Prisma's query layer.
    db: sqlDbOf(db),
    holdPool,
    holds: createHoldBatcher(holdPool, {
      defaultTtlSeconds: config.HOLD_TTL_SECONDS,
      cap: config.MAX_SEATS_PER_CUSTOMER,
      inFlight: config.HOLD_BATCHES_IN_FLIGHT,
    }),
    seatFacts: createSeatFactsCache(holdPool),
    locks: createSeatLocks(redis, { ttlMs: config.SEAT_LOCK_TTL_MS }),
    relay: messaging.relay,
    log: logger,
    settings: {
      holdTtlSeconds: config.HOLD_TTL_SECONDS,
      maxSeatsPerCustomer: config.MAX_SEATS_PER_CUSTOMER,
    },
    paymentPinMs: config.PAYMENT_PIN_MS,
    offers: { nudge: () => offers?.wake() },
  };

  const waitingRoom: WaitingRoomDeps = {
    db,
    settings: createSaleSettingsCache(db),
    store: createWaitingRoomStore(redis),
    admissions: createAdmissionTokens(config.ADMISSION_SIGNING_KEY),
    proofOfWork: createProofOfWork({ hmacKey: config.POW_HMAC_KEY, redis }),
    preQueueMinutes: config.WAITING_ROOM_PRE_QUEUE_MINUTES,
    now: opts.clock ?? (() => new Date()),
    random: () => randomInt(0, 2 ** 47) / 2 ** 47,
  };
  const gate = createSaleGate(waitingRoom);

  let expiry: ExpiryWorker | undefined;
  let offers: OfferWorker | undefined;
  let ticker: WaitingRoomTicker | undefined;
  const service = serve({
    router: createAppRouter(deps, { deps: waitingRoom, gate }),
    stopFirst: [
      () => expiry?.stop(),
      () => offers?.stop(),
      () => ticker?.stop(),
      () => holdPool.end(),
    ],
    handleSignals: opts.handleSignals,
  });

  return {
    service,
    deps,
    waitingRoom,
    db,
    async start() {
      const address = await service.start();
      const { catalog, payments, orders } = inventoryConsumers;
      messaging.consume("catalog", { topics: [catalog], handlers: catalogHandlers });
      messaging.consume("payments", { topics: [payments], handlers: paymentHandlers });
      messaging.consume("orders", { topics: [orders], handlers: orderingHandlers });
      expiry = startExpiryWorker(deps, {
        intervalMs: config.EXPIRY_INTERVAL_MS,
        batchSize: config.EXPIRY_BATCH_SIZE,
      });
      offers = startOfferWorker(deps, { intervalMs: config.WAITING_LIST_INTERVAL_MS });
      ticker = startWaitingRoomTicker(waitingRoom, {
        intervalMs: config.WAITING_ROOM_TICK_MS,
        log: logger,
      });
      return address;
    },
    stop: () => service.stop(),
  };
};
