import path from "node:path";
import { DATA_DIR } from "./paths.mjs";
import { DESIGN_WEB_PORT, SERVICES } from "./services.mjs";

// The local environments, each with its own database, Redis index and Kafka broker. Development is
// what `npm start` runs; test is what `npm test` (and the browser benchmarks' stack) uses, so tests
// never disturb a running stack; bench is what the Node benchmarks (`npm run bench`) use, so a test
// stack running at the same time (same consumer groups) cannot take part in a benchmark's events.
// Each stack also has its own ports: the web and the seven services listen on the design's ports
// (packages/service/src/ports.json) plus the environment's port base, so `npm test` can run while
// `npm start` is up without reaching, or reusing, the development stack.
// Every value can be overridden by the variable named beside it.
const env = process.env;

/** A port from `variable` when set (refused unless it is one), else `fallback`. */
const portFrom = (variable, fallback) => {
  const value = env[variable];
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65_535)
    throw new Error(`${variable} must be a port number (1-65535), got "${value}"`);
  return port;
};

/**
 * One environment: `prefix` names its override variables (`TEST_` → TEST_DATABASE_URL, …), the
 * defaults put each on its own database, Redis index, ports and broker data directory.
 */
const localEnvironment = (name, prefix, { database, redisIndex, portBase, kafkaDir }) => ({
  name,
  databaseUrl: env[`${prefix}DATABASE_URL`] ?? `postgresql://postgres@127.0.0.1:5432/${database}`,
  redisUrl: env[`${prefix}REDIS_URL`] ?? `redis://127.0.0.1:6379/${redisIndex}`,
  kafka: {
    port: portFrom(`${prefix}KAFKA_PORT`, portBase + 9092),
    controllerPort: portFrom(`${prefix}KAFKA_CONTROLLER_PORT`, portBase + 9093),
    dataDir: path.join(DATA_DIR, kafkaDir),
    // The development broker idles beside `npm start`'s stack; the test and bench brokers carry
    // load (infra/kafka/src/jvm-options.mjs).
    lowMemory: name === "dev",
  },
  // Transaction pooling in front of the environment's database, as production's pooler runs
  // (infra/pgbouncer); services connect through it as their own roles (packages/db/README.md).
  pgbouncer: {
    port: portFrom(`${prefix}PGBOUNCER_PORT`, portBase + 6432),
    dataDir: path.join(DATA_DIR, name === "dev" ? "pgbouncer" : `pgbouncer-${name}`),
  },
  // Where the environment's services send their spans and where to read traces (infra/zipkin).
  zipkin: {
    port: portFrom(`${prefix}ZIPKIN_PORT`, portBase + 9411),
    dataDir: path.join(DATA_DIR, name === "dev" ? "zipkin" : `zipkin-${name}`),
  },
  smtp: {
    port: portFrom(`${prefix}SMTP_PORT`, portBase + 1025),
    webPort: portFrom(`${prefix}MAILDEV_WEB_PORT`, portBase + 1080),
  },
  web: { port: portFrom(`${prefix}WEB_PORT`, portBase + DESIGN_WEB_PORT) },
  services: SERVICES.map((service) => ({ ...service, port: portBase + service.port })),
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

/**
 * The environment's database through its PgBouncer as a service's role (`marquee_<name>`): the
 * URL a service uses when it sits behind the pooler, as in production.
 */
export const pooledDatabaseUrl = (environment, serviceName) => {
  const url = new URL(environment.databaseUrl);
  url.username = `marquee_${serviceName}`;
  url.password = "";
  url.hostname = "127.0.0.1";
  url.port = String(environment.pgbouncer.port);
  return url.toString();
};

/** The environment's Zipkin: its UI, its HTTP API and where the services send spans. */
export const zipkinUrl = (environment) => `http://127.0.0.1:${environment.zipkin.port}`;

/** The storefront as a browser on this machine reaches it. */
export const webUrl = (environment) => `http://localhost:${environment.web.port}`;

/**
 * Where the processes of a stack reach one another: every service's `<NAME>_URL` (the web's
 * clients, ordering's INVENTORY_URL), identity's keys, and the storefront (links in emails, the
 * web's own NEXTAUTH_URL).
 */
const addresses = (environment) => {
  const urls = Object.fromEntries(
    environment.services.map(({ name, port }) => [
      `${name.toUpperCase()}_URL`,
      `http://127.0.0.1:${port}`,
    ]),
  );
  return {
    ...urls,
    IDENTITY_JWKS_URL: `${urls.IDENTITY_URL}/.well-known/jwks.json`,
    WEB_URL: webUrl(environment),
    NEXTAUTH_URL: webUrl(environment),
  };
};

/**
 * The variables the processes of a stack read (packages/service/src/config.ts, the web's). The
 * database is not among them: each service reaches it as its own role (`serviceEnvFor`).
 */
export const serviceEnv = (environment) => ({
  ...addresses(environment),
  REDIS_URL: environment.redisUrl,
  KAFKA_BROKERS: kafkaBrokers(environment).join(","),
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(environment.smtp.port),
  ZIPKIN_URL: zipkinUrl(environment),
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

/**
 * One service's variables in a stack: the shared ones, and its database through the environment's
 * PgBouncer as its own role, the way production connects (packages/db/README.md, Service roles).
 * Its `search_path` is the role's, and the role may not read another service's schema.
 */
export const serviceEnvFor = (environment, serviceName) => ({
  ...serviceEnv(environment),
  DATABASE_URL: pooledDatabaseUrl(environment, serviceName),
});
