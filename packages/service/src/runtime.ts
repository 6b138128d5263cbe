import type { SqlDb } from "@marquee/events/sql";
import type { AnyRouter } from "@trpc/server";
import { tokenVerifierFor, type TokenVerifier } from "./auth-token";
import type { BaseConfig } from "./config";
import { edgeLimitsFor } from "./edge";
import { createLogger, type Logger } from "./logger";
import { ownConnectionOf, sqlDbOf } from "@marquee/db/sql-db";
import { startMessaging, type Messaging } from "./messaging";
import { postgresCheck, redisCheck } from "./readiness";
import { closeRedis, createRedis, type Redis } from "./redis";
import { createService, type Service, type ServiceOptions, type ShutdownHook } from "./server";
import { flushTraces } from "./tracing";

/** The settings every service runtime reads; each service's config has them. */
export type RuntimeConfig = Pick<
  BaseConfig,
  | "LOG_LEVEL"
  | "REDIS_URL"
  | "KAFKA_BROKERS"
  | "HOST"
  | "IDENTITY_JWKS_URL"
  | "JWT_ISSUER"
  | "JWT_AUDIENCE"
  | "NODE_ENV"
  | "TRUSTED_PROXIES"
  | "MAX_BATCH_SIZE"
  | "PUBLIC_MUTATIONS_PER_MINUTE"
  | "SHED_EVENT_LOOP_DELAY_MS"
  | "SHED_HEAP_USED_MB"
  | "SHED_RETRY_AFTER_SECONDS"
> & { PORT: number };

/** A service's own database client: raw SQL for the outbox and readiness, and a way to close it. */
export type ServiceDb = SqlDb & { $disconnect(): Promise<void> };

export type ServeOptions<TRouter extends AnyRouter> = Pick<
  ServiceOptions<TRouter>,
  "router" | "routes"
> & {
  /** Install SIGTERM/SIGINT handlers (the default); off for services embedded in tests. */
  handleSignals?: boolean | undefined;
  /** Defaults to the runtime's verifier (identity's JWKS over HTTP). */
  verifier?: TokenVerifier;
  /**
   * Stopped, in order, before consuming stops and the outbox drains: the service's own workers,
   * so what they write to the outbox still goes out, and the clients they use.
   */
  stopFirst?: ShutdownHook[];
};

export type ServiceRuntime = {
  logger: Logger;
  redis: Redis;
  messaging: Messaging;
  verifier: TokenVerifier;
  /**
   * The HTTP API over this runtime: `/trpc`, `/healthz`, `/readyz` (Postgres, Redis, Kafka),
   * `/metrics`; on shutdown: `stopFirst`, then consumers, outbox and Kafka, then the database and
   * Redis.
   */
  serve: <TRouter extends AnyRouter>(opts: ServeOptions<TRouter>) => Service;
};

/**
 * What every service stands on, wired the same way everywhere: a logger, Redis, Kafka messaging
 * (outbox relay, consumer groups `<groupPrefix>.<purpose>`) and a token verifier.
 */
export const createServiceRuntime = (opts: {
  name: string;
  config: RuntimeConfig;
  db: ServiceDb;
  logger?: Logger | undefined;
  /** Consumer group prefix; defaults to the service name (tests give each run its own). */
  groupPrefix?: string | undefined;
  /**
   * Where consumers run their transactions, when not on `sqlDbOf(db)` (raw SQL on the client's
   * pool; e.g. that, wrapped with after-commit hooks).
   */
  consumerDb?: SqlDb;
}): ServiceRuntime => {
  const { name, config, db } = opts;
  const logger = opts.logger ?? createLogger({ name, level: config.LOG_LEVEL });
  const redis = createRedis(config.REDIS_URL, logger);
  // The relay and the consumers run raw SQL only, without Prisma: the consumers on the client's
  // pool, the relay on a connection of its own, so committed events never wait for a connection
  // behind the requests.
  const relayConnection = ownConnectionOf(db);
  const messaging = startMessaging({
    name: opts.groupPrefix ?? name,
    brokers: config.KAFKA_BROKERS,
    db: relayConnection.db,
    consumerDb: opts.consumerDb ?? sqlDbOf(db),
    log: logger,
  });
  const verifier = tokenVerifierFor(config);

  return {
    logger,
    redis,
    messaging,
    verifier,
    serve: (serveOpts) => {
      const service = createService({
        name,
        port: config.PORT,
        host: config.HOST,
        logger,
        router: serveOpts.router,
        verifier: serveOpts.verifier ?? verifier,
        ...(serveOpts.routes ? { routes: serveOpts.routes } : {}),
        // Nobody's X-Forwarded-For is believed unless TRUSTED_PROXIES names its sender.
        trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
        limits: edgeLimitsFor(config, redis),
        readiness: {
          postgres: postgresCheck(db),
          redis: redisCheck(redis),
          kafka: messaging.readiness,
        },
        onShutdown: [
          ...(serveOpts.stopFirst ?? []),
          ...messaging.shutdown,
          () => relayConnection.end(),
          () => db.$disconnect(),
          () => closeRedis(redis),
          // Last, so the spans of everything above still reach Zipkin.
          flushTraces,
        ],
        handleSignals: serveOpts.handleSignals ?? true,
      });
      messaging.metrics.registerIn(service.metrics);
      return service;
    },
  };
};
