import { ensureKafkaJars, startBroker, stopBroker } from "../../infra/kafka/kafka.mjs";
import { startPgBouncer, stopPgBouncer } from "../../infra/pgbouncer/pgbouncer.mjs";
import { ensureZipkinJar, startZipkin, stopZipkin } from "../../infra/zipkin/zipkin.mjs";
import { kafkaBrokers, zipkinUrl } from "./environments.mjs";
import { bin, ROOT } from "./paths.mjs";
import { say, step } from "./progress.mjs";
import { run } from "./run.mjs";

/**
 * Everything a stack needs before its processes start: Kafka jars and broker, the database with
 * every service's schema migrated (and its role granted), Prisma clients generated, topics created,
 * PgBouncer in front of the database (installed with apt when missing), Zipkin for the services'
 * traces. Idempotent: each part is skipped quickly when already in place.
 */
export const prepareInfrastructure = async (environment) => {
  await step("Kafka jars", async () => {
    const jars = await ensureKafkaJars({ log: (msg) => say(`  ${msg}`) });
    return `Kafka ${jars.version}, ${jars.jars} jars${jars.fetched ? " fetched" : ""}`;
  });
  await step(`Kafka broker (${environment.name}, port ${environment.kafka.port})`, async () => {
    const broker = await startBroker({ ...environment.kafka, log: (msg) => say(`  ${msg}`) });
    return broker.alreadyRunning
      ? `already running (pid ${broker.pid})`
      : `started (pid ${broker.pid})`;
  });
  await step("Zipkin jar", async () => {
    const zipkin = await ensureZipkinJar({ log: (msg) => say(`  ${msg}`) });
    return `Zipkin ${zipkin.version}${zipkin.fetched ? " fetched" : ""}`;
  });
  await step(`Zipkin (${environment.name}, ${zipkinUrl(environment)})`, async () => {
    const zipkin = await startZipkin({ ...environment.zipkin, log: (msg) => say(`  ${msg}`) });
    return zipkin.alreadyRunning
      ? `already running${zipkin.pid ? ` (pid ${zipkin.pid})` : ""}`
      : `started (pid ${zipkin.pid})`;
  });
  await step(`database, schemas and topics (${environment.name})`, () =>
    run(bin("tsx"), ["scripts/prepare.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: environment.databaseUrl,
        KAFKA_BROKERS: kafkaBrokers(environment).join(","),
      },
    }),
  );
  await step(`PgBouncer (${environment.name}, port ${environment.pgbouncer.port})`, async () => {
    const pooler = await startPgBouncer({
      port: environment.pgbouncer.port,
      databaseUrl: environment.databaseUrl,
      dataDir: environment.pgbouncer.dataDir,
      log: (msg) => say(`  ${msg}`),
    });
    return pooler.alreadyRunning
      ? `already running (pid ${pooler.pid})`
      : `started (pid ${pooler.pid})`;
  });
};

export const stopInfrastructure = async (environment) => {
  await step(`stop PgBouncer (${environment.name})`, async () => {
    const { stopped, pid, killed } = await stopPgBouncer(environment.pgbouncer);
    if (!stopped) return "was not running";
    return killed ? `killed (pid ${pid})` : `stopped (pid ${pid})`;
  });
  await step(`stop Zipkin (${environment.name})`, async () => {
    const { stopped, pid, killed } = await stopZipkin(environment.zipkin);
    if (!stopped) return "was not running";
    return killed ? `killed (pid ${pid})` : `stopped (pid ${pid})`;
  });
  await step(`stop Kafka broker (${environment.name})`, async () => {
    const { stopped, pid, killed } = await stopBroker(environment.kafka);
    if (!stopped) return "was not running";
    return killed ? `killed (pid ${pid})` : `stopped (pid ${pid})`;
  });
};
