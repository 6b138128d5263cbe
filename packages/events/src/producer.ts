import { type Kafka, type Message, Partitioners, type Producer } from "kafkajs";
import { withTimeout } from "./with-timeout";

/** Longer than kafkajs' own retries take; reached only when a send hangs on a dead connection. */
const SEND_TIMEOUT_MS = 30_000;

/** One row of an outbox on its way to Kafka. */
export type OutgoingMessage = {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
};

export type EventProducer = {
  send(messages: OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
};

/**
 * An idempotent producer (acks from all replicas, one request in flight) so a retried send does
 * not duplicate or reorder messages within a partition. It connects lazily and reconnects after
 * the broker comes back, so callers simply retry `send`. A send that hangs (a connection that
 * died half-way) fails after a timeout instead of stalling the caller for good.
 */
export const createEventProducer = (
  kafka: Kafka,
  opts: { sendTimeoutMs?: number } = {},
): EventProducer => {
  const sendTimeoutMs = opts.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  let producer: Producer | undefined;
  let connecting: Promise<Producer> | undefined;

  const connected = (): Promise<Producer> => {
    if (producer) return Promise.resolve(producer);
    connecting ??= (async () => {
      const fresh = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { initialRetryTime: 200, maxRetryTime: 2_000, retries: 3 },
      });
      try {
        await withTimeout(fresh.connect(), sendTimeoutMs, "Kafka producer connect");
        producer = fresh;
        return fresh;
      } catch (error) {
        await fresh.disconnect().catch(() => undefined);
        throw error;
      } finally {
        connecting = undefined;
      }
    })();
    return connecting;
  };

  return {
    async send(messages) {
      if (messages.length === 0) return;
      const byTopic = new Map<string, Message[]>();
      for (const m of messages) {
        const list = byTopic.get(m.topic) ?? [];
        list.push({ key: m.key, value: m.value, ...(m.headers ? { headers: m.headers } : {}) });
        byTopic.set(m.topic, list);
      }
      const p = await connected();
      try {
        await withTimeout(
          p.sendBatch({
            acks: -1,
            topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
          }),
          sendTimeoutMs,
          "Kafka send",
        );
      } catch (error) {
        // Start from a fresh connection next time: kafkajs can keep a dead one around.
        producer = undefined;
        await p.disconnect().catch(() => undefined);
        throw error;
      }
    },
    async disconnect() {
      const p = producer;
      producer = undefined;
      await p?.disconnect();
    },
  };
};
