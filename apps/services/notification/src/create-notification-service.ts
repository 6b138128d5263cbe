import { sqlDbOf } from "@marquee/db/sql-db";
import type { Logger } from "@marquee/service/logger";
import { createServiceRuntime } from "@marquee/service/runtime";
import type { Service } from "@marquee/service/server";
import { createDb, type NotificationDb } from "./adapters/db/client";
import {
  createIdentityHandlers,
  createInventoryHandlers,
  createFulfillmentHandlers,
  orderingHandlers,
  paymentHandlers,
} from "./adapters/kafka/handlers";
import { createSmtpMailer } from "./adapters/smtp/mailer";
import { createAppRouter } from "./adapters/trpc/router";
import { startDeliveryWorker, type DeliveryWorker } from "./app/delivery-worker";
import type { NotificationDeps } from "./app/deps";
import type { NotificationConfig } from "./config";

export type NotificationService = {
  service: Service;
  deps: NotificationDeps;
  db: NotificationDb;
  /** Listens, joins the consumer groups and starts the senders; resolves with the address. */
  start(): Promise<string>;
  stop(): Promise<void>;
};

/**
 * Wires the notification service by hand: connections, SMTP, use-case dependencies, HTTP API,
 * consumers and the delivery worker. `main.ts` runs it; tests run it in-process on port 0.
 */
export const createNotificationService = (
  config: NotificationConfig,
  opts: {
    logger?: Logger;
    handleSignals?: boolean;
    /** Tests: a scratch schema instead of `bc_notification`, and consumer groups of their own. */
    isolation?: { schema: string; groupPrefix: string };
  } = {},
): NotificationService => {
  const db = createDb(config.DATABASE_URL, {
    poolMax: config.DB_POOL_MAX,
    ...(opts.isolation ? { schema: opts.isolation.schema } : {}),
  });
  const { logger, messaging, serve } = createServiceRuntime({
    name: "notification",
    config,
    db,
    logger: opts.logger,
    groupPrefix: opts.isolation?.groupPrefix,
  });
  const mailer = createSmtpMailer({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    user: config.SMTP_USER,
    password: config.SMTP_PASSWORD,
    timeoutMs: config.SMTP_TIMEOUT_MS,
    from: config.MAIL_FROM,
    maxConnections: config.DELIVERY_CONCURRENCY,
  });

  const deps: NotificationDeps = {
    // Raw SQL on the same pool: the senders' transactions cost a quarter of the CPU they take
    // through Prisma's interactive transactions (@marquee/db/sql-db).
    db: sqlDbOf(db),
    mailer,
    retry: {
      baseMs: config.DELIVERY_RETRY_BASE_MS,
      maxMs: config.DELIVERY_RETRY_MAX_MS,
      maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
    },
    log: logger,
    messageIdDomain: "marquee.local",
  };
  let worker: DeliveryWorker | undefined;

  const service = serve({
    router: createAppRouter(deps),
    // The senders stop before the consumers: queued emails wait in the table for the next start.
    stopFirst: [() => worker?.stop(), () => mailer.close()],
    handleSignals: opts.handleSignals,
  });

  return {
    service,
    deps,
    db,
    async start() {
      const address = await service.start();
      // A queued email is sent as soon as its row commits, not at the senders' next poll.
      const onApplied = () => worker?.nudge();
      messaging.consume("tickets", {
        topics: ["fulfillment.tickets"],
        handlers: createFulfillmentHandlers({ webUrl: config.WEB_URL }),
        onApplied,
      });
      messaging.consume("orders", {
        topics: ["ordering.orders"],
        handlers: orderingHandlers,
        onApplied,
      });
      messaging.consume("payments", {
        topics: ["payment.payments"],
        handlers: paymentHandlers,
        onApplied,
      });
      messaging.consume("reservations", {
        topics: ["inventory.reservations"],
        handlers: createInventoryHandlers({ webUrl: config.WEB_URL }),
        onApplied,
      });
      messaging.consume("accounts", {
        topics: ["identity.accounts"],
        handlers: createIdentityHandlers({ webUrl: config.WEB_URL }),
        onApplied,
      });
      worker = startDeliveryWorker(deps, {
        pollMs: config.DELIVERY_POLL_MS,
        concurrency: config.DELIVERY_CONCURRENCY,
      });
      return address;
    },
    stop: () => service.stop(),
  };
};
