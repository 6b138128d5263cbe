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
import { kafkaCheck, type ReadinessCheck } from "@marquee/service/readiness";
import type { ShutdownHook } from "@marquee/service/server";
import { Kafka, logLevel } from "kafkajs";

/**
 * Outbox rows the relay publishes per Kafka request. The shared default (200) sends a whole
 * stadium layout (~20 `seats-generated` chunks of ~165 kB, all keyed by one event, so one
 * partition) as a single record batch, which the broker refuses above `message.max.bytes` (1 MB),
 * and the relay then retries that batch forever. Five chunks stay under the limit.
 */
export const RELAY_BATCH_SIZE = 5;

export type CatalogMessaging = {
  relay: OutboxRelay;
  readiness: ReadinessCheck;
  consume: (
    purpose: string,
    opts: Pick<ConsumerOptions<"inventory.reservations">, "topics" | "handlers">,
  ) => void;
  shutdown: ShutdownHook[];
};

/**
 * `startMessaging` from @marquee/service, with a relay batch small enough for layout chunks:
 * outbox relay, consumer groups `catalog.<purpose>` joined in the background, readiness probe.
 */
export const startCatalogMessaging = (opts: {
  brokers: string[];
  db: SqlDb;
  /** The database the consumers run their transactions on (with after-commit hooks). */
  consumerDb: SqlDb;
  log: EventLog;
}): CatalogMessaging => {
  const { brokers, db, consumerDb, log } = opts;
  const name = "catalog";
  const kafka = createKafka({ clientId: name, brokers, log });
  const producer = createEventProducer(kafka);
  const relay = startOutboxRelay({ db, producer, log, batchSize: RELAY_BATCH_SIZE });
  const probe = new Kafka({
    clientId: `${name}-readiness`,
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  }).admin();
  const consumers: RunningConsumer[] = [];
  let stopped = false;

  const consume: CatalogMessaging["consume"] = (purpose, consumerOpts) => {
    const groupId = `${name}.${purpose}`;
    const attempt = async (failures: number): Promise<void> => {
      if (stopped) return;
      try {
        consumers.push(
          await startConsumer({ ...consumerOpts, kafka, db: consumerDb, log, groupId }),
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
