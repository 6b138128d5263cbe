import { tokenVerifierFor } from "@marquee/service/auth";
import { createLogger } from "@marquee/service/logger";
import { startMessaging } from "@marquee/service/messaging";
import { postgresCheck, redisCheck } from "@marquee/service/readiness";
import { closeRedis, createRedis } from "@marquee/service/redis";
import { createService } from "@marquee/service/server";
import { createDb } from "./adapters/db/client";
import { appRouter } from "./adapters/trpc/router";
import { loadConfig } from "./config";

// Composition root: configuration, connections and the HTTP server, wired by hand.
const name = "payment";
const config = loadConfig();
const logger = createLogger({ name, level: config.LOG_LEVEL });
const db = createDb(config.DATABASE_URL);
const redis = createRedis(config.REDIS_URL, logger);
const messaging = startMessaging({ name, brokers: config.KAFKA_BROKERS, db, log: logger });

const service = createService({
  name,
  port: config.PORT,
  host: config.HOST,
  logger,
  router: appRouter,
  verifier: tokenVerifierFor(config),
  readiness: {
    postgres: postgresCheck(db),
    redis: redisCheck(redis),
    kafka: messaging.readiness,
  },
  onShutdown: [...messaging.shutdown, () => db.$disconnect(), () => closeRedis(redis)],
});

await service.start();
