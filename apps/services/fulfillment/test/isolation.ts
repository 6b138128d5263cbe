import { randomUUID } from "node:crypto";
import { createKafka } from "@marquee/events/kafka";
import type { EventLog } from "@marquee/events/log";
import type { Topic } from "@marquee/events/topics";
import { migrate } from "@marquee/db/migrate";
import { testEnv } from "@marquee/testkit/test-env";
import { createDb } from "../src/adapters/db/client";

export type Isolation = { schema: string; groupPrefix: string; drop(): Promise<void> };

/**
 * A scratch schema with this service's migrations and consumer groups of its own, positioned at the
 * end of each topic: the service under test sees exactly the events the test publishes, and no
 * other copy of the service (a browser-test stack on the same test database and broker) can take
 * them or its queued work.
 */
export const isolate = async (
  consumers: Record<string, Topic>,
  brokers: string[],
  log: EventLog,
): Promise<Isolation> => {
  const service = "fulfillment";
  const suffix = randomUUID().slice(0, 8);
  const schema = `${service}_test_${suffix}`;
  const groupPrefix = `${service}-test-${suffix}`;
  await migrate({
    url: testEnv.databaseUrl,
    targets: [{ name: service, schema }],
    log: () => undefined,
  });

  const admin = createKafka({ clientId: `${groupPrefix}-admin`, brokers, log }).admin();
  await admin.connect();
  try {
    for (const [purpose, topic] of Object.entries(consumers)) {
      await admin.resetOffsets({ groupId: `${groupPrefix}.${purpose}`, topic, earliest: false });
    }
  } finally {
    await admin.disconnect();
  }

  return {
    schema,
    groupPrefix,
    async drop() {
      const admin = createDb(testEnv.databaseUrl, { schema: "public", poolMax: 1 });
      try {
        await admin.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.$disconnect();
      }
    },
  };
};
