import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startBroker } from "@marquee/infra/kafka";
import { startPgBouncer } from "@marquee/infra/pgbouncer";
import { testEnv, testKafkaBrokers } from "./test-env";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Vitest global setup shared by every workspace: the test Kafka broker running, the test database
 * with every service schema migrated, topics created, the test PgBouncer in front of the database —
 * through the same scripts/prepare.ts and PgBouncer that
 * `npm start` uses. `npm test` has done all this already and says so with MARQUEE_TEST_PREPARED;
 * without it (`npx vitest` inside one package) it runs here.
 */
export default async function setup(): Promise<void> {
  if (process.env.MARQUEE_TEST_PREPARED === "1") return;
  if (!testEnv.externalKafkaBrokers) {
    await startBroker({
      port: testEnv.kafkaPort,
      controllerPort: testEnv.kafkaControllerPort,
      dataDir: `${root}.data/kafka-test`,
      log: () => undefined,
    });
  }
  const prepared = spawnSync(`${root}node_modules/.bin/tsx`, ["scripts/prepare.ts"], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: testEnv.databaseUrl,
      KAFKA_BROKERS: testKafkaBrokers().join(","),
    },
  });
  if (prepared.status !== 0) throw new Error("preparing the test database and topics failed");
  await startPgBouncer({
    port: testEnv.pgbouncerPort,
    databaseUrl: testEnv.databaseUrl,
    dataDir: `${root}.data/pgbouncer-test`,
  });
}
