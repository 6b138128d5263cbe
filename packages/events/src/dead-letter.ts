import type { Kafka, KafkaMessage, Producer } from "kafkajs";
import type { EventLog } from "./log";
import { deadLetterTopic } from "./topics";

export type DeadLetterer = {
  /** Parks `message` on `<topic>.dlt` with why, who and where it came from, and logs it. */
  park(topic: string, partition: number, message: KafkaMessage, error: string): Promise<void>;
  disconnect(): Promise<void>;
};

const stringHeaders = (message: KafkaMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(message.headers ?? {}).flatMap(([k, v]) =>
      v === undefined ? [] : [[k, Array.isArray(v) ? v.map(String).join(",") : String(v)]],
    ),
  );

/** A consumer group's dead-letter producer, connected on first use. */
export const createDeadLetterer = (kafka: Kafka, groupId: string, log: EventLog): DeadLetterer => {
  let producer: Producer | undefined;
  return {
    async park(topic, partition, message, error) {
      if (!producer) {
        producer = kafka.producer({ allowAutoTopicCreation: false });
        await producer.connect();
      }
      await producer.send({
        topic: deadLetterTopic(topic),
        acks: -1,
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: {
              ...stringHeaders(message),
              "dlt-error": error.slice(0, 1_000),
              "dlt-consumer": groupId,
              "dlt-source": `${topic}/${partition}/${message.offset}`,
            },
          },
        ],
      });
      log.error(
        { topic, partition, offset: message.offset, consumer: groupId, error },
        "message dead-lettered",
      );
    },
    async disconnect() {
      await producer?.disconnect();
    },
  };
};
