import type { Kafka } from "kafkajs";
import { allTopics, deadLetterTopic, TOPIC_PARTITIONS } from "./topics";

/**
 * Creates every topic and its dead-letter topic that does not exist yet. Idempotent; run at setup
 * because brokers have topic auto-creation off.
 */
export const ensureTopics = async (kafka: Kafka): Promise<string[]> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = allTopics.flatMap((topic) => [topic, deadLetterTopic(topic)]);
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: TOPIC_PARTITIONS,
          replicationFactor: 1,
        })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
};
