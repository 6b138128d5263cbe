import { createLogger } from "@marquee/service/logger";
import { kafkaCheck, postgresCheck, redisCheck } from "@marquee/service/readiness";
import { closeRedis, createRedis } from "@marquee/service/redis";
import { createService } from "@marquee/service/server";
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";
import { appRouter } from "./adapters/trpc/router";
import { loadConfig } from "./config";

const name = "payment";
const config = loadConfig();
const logger = createLogger({ name, level: config.LOG_LEVEL });

const redis = createRedis(config.REDIS_URL, logger);
// Stands in for this service's Prisma client from @marquee/db: same `$queryRawUnsafe` shape.
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 });
pool.on("error", (err) => logger.warn({ err }, "idle postgres connection lost"));
const db = { $queryRawUnsafe: (sql: string) => pool.query(sql) };
// Used only by the readiness check, which reports failures itself; kafkajs' own retries and
// logging would repeat every probe's failure.
const kafkaAdmin = new Kafka({
  clientId: name,
  brokers: config.KAFKA_BROKERS,
  logLevel: logLevel.NOTHING,
  retry: { retries: 0 },
}).admin();

const service = createService({
  name,
  port: config.PORT,
  host: config.HOST,
  logger,
  router: appRouter,
  readiness: {
    postgres: postgresCheck(db),
    redis: redisCheck(redis),
    kafka: kafkaCheck(kafkaAdmin),
  },
  onShutdown: [() => kafkaAdmin.disconnect(), () => pool.end(), () => closeRedis(redis)],
});

await service.start();
