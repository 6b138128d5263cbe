import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { testEnv, testKafkaBrokers } from "./test-env";

/** How much a service under test logs: nothing, unless TEST_LOG=1 asks to see it. */
export const testLogLevel = (): "info" | "silent" =>
  process.env.TEST_LOG === "1" ? "info" : "silent";

/**
 * The environment a service under test starts with: the test Postgres, Redis and Kafka, an
 * ephemeral port, and the test issuer's keys for its tokens; `env` adds the service's own settings
 * (or overrides these).
 */
export const serviceTestEnv = (
  issuer: { jwksUrl: string },
  env: Record<string, string> = {},
): Record<string, string> => ({
  NODE_ENV: "test",
  LOG_LEVEL: testLogLevel(),
  DATABASE_URL: testEnv.databaseUrl,
  REDIS_URL: testEnv.redisUrl,
  KAFKA_BROKERS: testKafkaBrokers().join(","),
  PORT: "0",
  IDENTITY_JWKS_URL: issuer.jwksUrl,
  ...env,
});

/**
 * A Kafka client on the test broker for the test's own producers, watchers and admin calls; quiet
 * unless TEST_LOG=1.
 */
export const createTestKafka = (): Kafka =>
  new Kafka({
    clientId: `test-${randomUUID().slice(0, 8)}`,
    brokers: testKafkaBrokers(),
    logLevel: process.env.TEST_LOG === "1" ? logLevel.WARN : logLevel.NOTHING,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 2_000, retries: 5 },
  });

/** The test's side of Kafka: what it publishes, and what the service under test published. */
export type TestBus<E extends { key: string }> = {
  /** Every event seen on the watched topics (parsed envelopes), in the order they arrived. */
  events: E[];
  /** Publishes an envelope to a topic, keyed as producers key it. */
  publish(topic: string, event: E): Promise<void>;
  stop(): Promise<void>;
};

/**
 * A producer, and a watcher on `watch` in a consumer group of its own. `from: "beginning"` reads
 * the topics' history too; `from: "now"` starts at their current end, so the test sees exactly
 * what it causes (the end is read before the watcher joins, so nothing published meanwhile is
 * missed). `keep` leaves out events of other instances sharing the broker.
 */
export const startTestBus = async <E extends { key: string }>(
  opts: { watch?: string[]; from?: "beginning" | "now"; keep?: (event: E) => boolean } = {},
): Promise<TestBus<E>> => {
  const { watch = [], from = "beginning", keep = () => true } = opts;
  const kafka = createTestKafka();
  const producer = kafka.producer();
  await producer.connect();
  const events: E[] = [];
  const watcher = kafka.consumer({
    groupId: `test-watcher-${randomUUID()}`,
    maxWaitTimeInMs: 100,
  });
  if (watch.length > 0) {
    const ends: Array<{ topic: string; partition: number; offset: string }> = [];
    if (from === "now") {
      const admin = kafka.admin();
      await admin.connect();
      try {
        for (const topic of watch) {
          for (const { partition, offset } of await admin.fetchTopicOffsets(topic)) {
            ends.push({ topic, partition, offset });
          }
        }
      } finally {
        await admin.disconnect();
      }
    }
    await watcher.connect();
    await watcher.subscribe({ topics: watch, fromBeginning: true });
    await watcher.run({
      eachMessage: ({ message }) => {
        const event = JSON.parse(message.value?.toString() ?? "{}") as E;
        if (keep(event)) events.push(event);
        return Promise.resolve();
      },
    });
    for (const end of ends) watcher.seek(end);
  }
  return {
    events,
    async publish(topic, event) {
      await producer.send({ topic, messages: [{ key: event.key, value: JSON.stringify(event) }] });
    },
    async stop() {
      if (watch.length > 0) await watcher.disconnect();
      await producer.disconnect();
    },
  };
};
