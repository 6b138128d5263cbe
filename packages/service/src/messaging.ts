import {
  startConsumer,
  type ConsumerOptions,
  type RunningConsumer,
} from "@marquee/events/consumer";
import { createKafka } from "@marquee/events/kafka";
import type { EventLog } from "@marquee/events/log";
import { startOutboxRelay, type OutboxRelay } from "@marquee/events/outbox-relay";
import { createEventProducer } from "@marquee/events/producer";
import type { SqlDb } from "@marquee/events/sql";
import type { Topic } from "@marquee/events/topics";
import { Kafka, logLevel } from "kafkajs";
import { createMessagingMetrics, type MessagingMetrics } from "./messaging-metrics";
import { kafkaCheck, type ReadinessCheck } from "./readiness";
import type { ShutdownHook } from "./server";

export type Messaging = {
  /** Publishes this service's outbox; nudge it after a commit for the lowest latency. */
  relay: OutboxRelay;
  /** Kafka reachable, for `/readyz`. */
  readiness: ReadinessCheck;
  /**
   * Joins consumer group `<service>.<purpose>`. Returns at once: while Kafka is unreachable it
   * keeps trying in the background, so a service starts (and reports not ready) without a broker.
   */
  consume<TTopic extends Topic>(
    purpose: string,
    opts: Pick<
      ConsumerOptions<TTopic>,
      "topics" | "handlers" | "fromBeginning" | "concurrency" | "onApplied"
    >,
  ): void;
  /** In order: stop consuming, drain the outbox, close Kafka connections. */
  shutdown: ShutdownHook[];
  /** Consumer and relay batch metrics, for the service's `/metrics`. */
  metrics: MessagingMetrics;
};

/** Wires a service to Kafka: its outbox relay, its consumers, a readiness probe. */
export const startMessaging = (opts: {
  name: string;
  brokers: string[];
  db: SqlDb;
  /** Where consumers run their transactions, when it is not `db` (e.g. with after-commit hooks). */
  consumerDb?: SqlDb;
  log: EventLog;
}): Messaging => {
  const { name, brokers, db, log } = opts;
  const consumerDb = opts.consumerDb ?? db;
  const kafka = createKafka({ clientId: name, brokers, log });
  const producer = createEventProducer(kafka);
  const metrics = createMessagingMetrics();
  const relay = startOutboxRelay({
    db,
    producer,
    log,
    onPublished: (batch) => metrics.relayBatch(batch),
  });
  // The probe reports failures through /readyz itself; kafkajs' retries and logs would only repeat them.
  const probe = new Kafka({
    clientId: `${name}-readiness`,
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  }).admin();

  const consumers: RunningConsumer[] = [];
  let stopped = false;

  const consume: Messaging["consume"] = (purpose, consumerOpts) => {
    const groupId = `${name}.${purpose}`;
    const attempt = async (failures: number): Promise<void> => {
      if (stopped) return;
      try {
        consumers.push(
          await startConsumer({
            ...consumerOpts,
            kafka,
            db: consumerDb,
            log,
            groupId,
            onBatchApplied: (batch) => metrics.consumerBatch(groupId, batch),
            // What a handler enqueued goes out now, not at the relay's next poll.
            onApplied: () => {
              relay.nudge();
              consumerOpts.onApplied?.();
            },
          }),
        );
        if (failures > 0) log.info({ groupId }, "consumer joined after retrying");
      } catch (error) {
        if (failures === 0) log.warn({ err: error, groupId }, "consumer cannot join yet; retrying");
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** failures)));
        return attempt(failures + 1);
      }
    };
    void attempt(0);
  };

  return {
    relay,
    readiness: kafkaCheck(probe),
    consume,
    metrics,
    shutdown: [
      async () => {
        stopped = true;
        await Promise.all(consumers.map((consumer) => consumer.stop()));
      },
      () => relay.stop(),
      () => producer.disconnect(),
      () => probe.disconnect(),
    ],
  };
};
