import { randomUUID } from "node:crypto";
import { migrate } from "@marquee/db/migrate";
import { createSchemaPool } from "@marquee/db/pool";
import type { Kafka } from "kafkajs";
import { createTestKafka } from "./service-harness";
import { testEnv } from "./test-env";
import { waitFor } from "./wait-for";

export type Isolation = {
  schema: string;
  groupPrefix: string;
  /**
   * Resolves once every consumer group is stable with `members` members (default one: the
   * service's; more when a test runs several copies of it), joins being slow under load.
   */
  joined(opts?: { members?: number }): Promise<void>;
  drop(): Promise<void>;
};

/**
 * A scratch schema with `service`'s migrations and consumer groups of its own (`consumers`: purpose
 * → topic), positioned at the end of each topic: the service under test sees exactly the events the
 * test publishes, and no other copy of the service (a browser-test stack on the same test database
 * and broker) can take them or its queued work. The service takes `schema` and `groupPrefix`.
 */
export const isolate = async (
  service: string,
  consumers: Record<string, string>,
): Promise<Isolation> => {
  const kafka = createTestKafka();
  const suffix = randomUUID().slice(0, 8);
  const schema = `${service}_test_${suffix}`;
  const groupPrefix = `${service}-test-${suffix}`;
  await migrate({
    url: testEnv.databaseUrl,
    targets: [{ name: service, schema }],
    log: () => undefined,
  });

  const groupIds = Object.keys(consumers).map((purpose) => `${groupPrefix}.${purpose}`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await Promise.all(
      Object.entries(consumers).map(async ([purpose, topic]) => {
        const ends = await admin.fetchTopicOffsets(topic);
        await commitOffsets(kafka, `${groupPrefix}.${purpose}`, topic, ends);
      }),
    );
  } finally {
    await admin.disconnect();
  }

  return {
    schema,
    groupPrefix,
    async joined({ members = 1 } = {}) {
      const probe = kafka.admin();
      await probe.connect();
      try {
        await waitFor(
          `consumer groups ${groupIds.join(", ")} to join`,
          async () => {
            const { groups } = await probe.describeGroups(groupIds);
            return groups.every((g) => g.state === "Stable" && g.members.length >= members);
          },
          { timeoutMs: 110_000, intervalMs: 200 },
        );
      } finally {
        await probe.disconnect();
      }
    },
    async drop() {
      const pool = createSchemaPool({ url: testEnv.databaseUrl, schema: "public", poolMax: 1 });
      try {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await pool.end();
      }
    },
  };
};

/**
 * Commits `ends` (real offsets: kafkajs' resetOffsets commits "latest" as -1, which a new consumer
 * reads as "no offset" and starts from the beginning) as the group's position, the way kafkajs'
 * admin.setOffsets does: join, seek, stop after the first fetch. Its own consumer polls every
 * 50 ms where setOffsets' waits 5 s, which every test harness paid once per consumer group.
 */
const commitOffsets = async (
  kafka: Kafka,
  groupId: string,
  topic: string,
  ends: Array<{ partition: number; high: string }>,
): Promise<void> => {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.FETCH, () => {
      consumer.stop().then(resolve, reject);
    });
    consumer.run({ eachBatchAutoResolve: false, eachBatch: () => Promise.resolve() }).catch(reject);
    consumer.pause([{ topic }]);
    for (const { partition, high } of ends) consumer.seek({ topic, partition, offset: high });
  });
  await consumer.disconnect();
};
