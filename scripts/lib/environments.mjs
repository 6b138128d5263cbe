import path from "node:path";
import { DATA_DIR } from "./paths.mjs";

// The local environments, each with its own database, Redis index and Kafka broker. Development is
// what `npm start` runs; test is what `npm test` (and the browser benchmarks' stack) uses, so tests
// never disturb a running stack; bench is what the Node benchmarks (`npm run bench`) use, so a test
// stack running at the same time (same consumer groups) cannot take part in a benchmark's events.
// Every value can be overridden by the variable named beside it.
const env = process.env;

/**
 * One environment: `prefix` names its override variables (`TEST_` → TEST_DATABASE_URL, …), the
 * defaults put each on its own database, Redis index, ports and broker data directory.
 */
const localEnvironment = (name, prefix, { database, redisIndex, portBase, kafkaDir }) => ({
  name,
  databaseUrl: env[`${prefix}DATABASE_URL`] ?? `postgresql://postgres@127.0.0.1:5432/${database}`,
  redisUrl: env[`${prefix}REDIS_URL`] ?? `redis://127.0.0.1:6379/${redisIndex}`,
  kafka: {
    port: Number(env[`${prefix}KAFKA_PORT`] ?? portBase + 9092),
    controllerPort: Number(env[`${prefix}KAFKA_CONTROLLER_PORT`] ?? portBase + 9093),
    dataDir: path.join(DATA_DIR, kafkaDir),
  },
  smtp: {
    port: Number(env[`${prefix}SMTP_PORT`] ?? portBase + 1025),
    webPort: Number(env[`${prefix}MAILDEV_WEB_PORT`] ?? portBase + 1080),
  },
});

export const environments = {
  dev: localEnvironment("dev", "", {
    database: "marquee",
    redisIndex: 0,
    portBase: 0,
    kafkaDir: "kafka",
  }),
  test: localEnvironment("test", "TEST_", {
    database: "marquee_test",
    redisIndex: 1,
    portBase: 10_000,
    kafkaDir: "kafka-test",
  }),
  bench: localEnvironment("bench", "BENCH_", {
    database: "marquee_bench",
    redisIndex: 2,
    portBase: 20_000,
    kafkaDir: "kafka-bench",
  }),
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
