import { randomUUID } from "node:crypto";
import { migrate } from "@marquee/db/migrate";
import { createSchemaPool } from "@marquee/db/pool";
import { createTestKafka } from "./service-harness";
import { testEnv } from "./test-env";
import { waitFor } from "./wait-for";

export type Isolation = {
  schema: string;
  groupPrefix: string;
  /** Resolves once every consumer group has a member with partitions (joins are slow under load). */
  joined(): Promise<void>;
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
    // Real offsets: kafkajs' resetOffsets commits "latest" as -1, which a new consumer reads as
    // "no offset" and starts from the beginning.
    for (const [purpose, topic] of Object.entries(consumers)) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId: `${groupPrefix}.${purpose}`,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }

  return {
    schema,
    groupPrefix,
    async joined() {
      const probe = kafka.admin();
      await probe.connect();
      try {
        await waitFor(
          `consumer groups ${groupIds.join(", ")} to join`,
          async () => {
            const { groups } = await probe.describeGroups(groupIds);
            return groups.every((g) => g.state === "Stable" && g.members.length > 0);
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
