import { ensureKafkaJars, startBroker, stopBroker } from "../../infra/kafka/kafka.mjs";
import { kafkaBrokers } from "./environments.mjs";
import { bin, ROOT } from "./paths.mjs";
import { say, step } from "./progress.mjs";
import { run } from "./run.mjs";

/**
 * Everything a stack needs before its processes start: Kafka jars and broker, the database with
 * every service's schema migrated, Prisma clients generated, topics created. Idempotent: each part
 * is skipped quickly when already in place.
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
};

export const stopInfrastructure = async (environment) => {
  await step(`stop Kafka broker (${environment.name})`, async () => {
    const { stopped, pid, killed } = await stopBroker(environment.kafka);
    if (!stopped) return "was not running";
    return killed ? `killed (pid ${pid})` : `stopped (pid ${pid})`;
  });
};
