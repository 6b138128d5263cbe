import path from "node:path";
import { DATA_DIR } from "./paths.mjs";

// The local environments, each with its own database, Redis index and Kafka broker. Development is
// what `npm start` runs; test is what `npm test` (and the browser benchmarks' stack) uses, so tests
// never disturb a running stack; bench is what the Node benchmarks (`npm run bench`) use, so a test
// stack running at the same time (same consumer groups) cannot take part in a benchmark's events.
// Every value can be overridden by the variable named beside it.
const env = process.env;

export const environments = {
  dev: {
    name: "dev",
    databaseUrl: env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/marquee",
    redisUrl: env.REDIS_URL ?? "redis://127.0.0.1:6379/0",
    kafka: {
      port: Number(env.KAFKA_PORT ?? 9092),
      controllerPort: Number(env.KAFKA_CONTROLLER_PORT ?? 9093),
      dataDir: path.join(DATA_DIR, "kafka"),
    },
    smtp: { port: Number(env.SMTP_PORT ?? 1025), webPort: Number(env.MAILDEV_WEB_PORT ?? 1080) },
  },
  test: {
    name: "test",
    databaseUrl: env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/marquee_test",
    redisUrl: env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/1",
    kafka: {
      port: Number(env.TEST_KAFKA_PORT ?? 19092),
      controllerPort: Number(env.TEST_KAFKA_CONTROLLER_PORT ?? 19093),
      dataDir: path.join(DATA_DIR, "kafka-test"),
    },
    smtp: {
      port: Number(env.TEST_SMTP_PORT ?? 11025),
      webPort: Number(env.TEST_MAILDEV_WEB_PORT ?? 11080),
    },
  },
  bench: {
    name: "bench",
    databaseUrl: env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/marquee_bench",
    redisUrl: env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/2",
    kafka: {
      port: Number(env.BENCH_KAFKA_PORT ?? 29092),
      controllerPort: Number(env.BENCH_KAFKA_CONTROLLER_PORT ?? 29093),
      dataDir: path.join(DATA_DIR, "kafka-bench"),
    },
    smtp: {
      port: Number(env.BENCH_SMTP_PORT ?? 21025),
      webPort: Number(env.BENCH_MAILDEV_WEB_PORT ?? 21080),
    },
  },
};

export const kafkaBrokers = (environment) => [`127.0.0.1:${environment.kafka.port}`];

/** The variables a service process reads (see packages/service/src/config.ts). */
export const serviceEnv = (environment) => ({
  DATABASE_URL: environment.databaseUrl,
  REDIS_URL: environment.redisUrl,
  KAFKA_BROKERS: kafkaBrokers(environment).join(","),
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(environment.smtp.port),
  // The web runs on this machine and forwards the browser's address (the one it decided itself,
  // apps/web/server.ts): the services believe loopback's X-Forwarded-For and nobody else's.
  TRUSTED_PROXIES: "loopback",
  // Browser tests sign up and check out as guests from 127.0.0.1 run after run: identity's
  // per-address limits are tested by its own tests, not by tripping over them here.
  ...(environment.name === "test"
    ? {
        GUEST_TOKENS_PER_IP: "100000",
        REGISTRATIONS_PER_IP: "100000",
        LOGIN_MAX_FAILURES_PER_IP: "100000",
        PUBLIC_MUTATIONS_PER_MINUTE: "100000",
      }
    : {}),
});
