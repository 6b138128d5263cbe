import { Histogram, type Registry } from "prom-client";

export type MessagingMetrics = {
  consumerBatch(groupId: string, batch: { topic: string; events: number; seconds: number }): void;
  relayBatch(batch: { rows: number; seconds: number; oldestWaitSeconds: number }): void;
  /** Adds these metrics to the service's registry (created later, with its HTTP server). */
  registerIn(registry: Registry): void;
};

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SIZES = [1, 2, 5, 10, 20, 50, 100, 200];

/**
 * Where an event's time goes between two services, on `/metrics`: how long each consumer batch
 * transaction takes and how many events it applies, how long each outbox relay batch takes (pick,
 * send to Kafka, mark) and how long its oldest row waited to be published.
 */
export const createMessagingMetrics = (): MessagingMetrics => {
  const batchSeconds = new Histogram({
    name: "consumer_batch_duration_seconds",
    help: "Consumer batch transactions: start to commit, by consumer group and topic",
    labelNames: ["group", "topic"] as const,
    buckets: SECONDS,
    registers: [],
  });
  const batchEvents = new Histogram({
    name: "consumer_batch_events",
    help: "Events per consumer batch transaction, by consumer group and topic",
    labelNames: ["group", "topic"] as const,
    buckets: SIZES,
    registers: [],
  });
  const relaySeconds = new Histogram({
    name: "outbox_relay_batch_duration_seconds",
    help: "Outbox relay batches: pick, send to Kafka and mark sent",
    buckets: SECONDS,
    registers: [],
  });
  const relayRows = new Histogram({
    name: "outbox_relay_batch_rows",
    help: "Rows per outbox relay batch",
    buckets: SIZES,
    registers: [],
  });
  const relayWait = new Histogram({
    name: "outbox_wait_seconds",
    help: "How long the oldest row of each relay batch waited, from its transaction's start to its publication",
    buckets: SECONDS,
    registers: [],
  });
  const all = [batchSeconds, batchEvents, relaySeconds, relayRows, relayWait];

  return {
    consumerBatch: (group, { topic, events, seconds }) => {
      batchSeconds.observe({ group, topic }, seconds);
      batchEvents.observe({ group, topic }, events);
    },
    relayBatch: ({ rows, seconds, oldestWaitSeconds }) => {
      relaySeconds.observe(seconds);
      relayRows.observe(rows);
      relayWait.observe(oldestWaitSeconds);
    },
    registerIn: (registry) => {
      for (const metric of all) registry.registerMetric(metric);
    },
  };
};
