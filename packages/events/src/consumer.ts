import type { Consumer, EachMessageHandler, Kafka, KafkaMessage, Producer } from "kafkajs";
import type { EventLog } from "./log";
import { parseEventBytes } from "./parse-event";
import type { EventOnTopic, MarqueeEvent } from "./registry";
import { backoffMs } from "./sleep";
import type { SqlDb, SqlTx } from "./sql";
import { deadLetterTopic, type Topic } from "./topics";

export type HandlerContext = { tx: SqlTx; log: EventLog };
export type EventHandler<TEvent> = (event: TEvent, ctx: HandlerContext) => Promise<void>;

/**
 * One handler per event type on the subscribed topics. The map is exhaustive: a new event type on
 * a topic fails compilation until every consumer of that topic decides what to do with it.
 */
export type HandlerMap<TTopic extends Topic> = {
  [E in EventOnTopic<TTopic> as E["type"]]: EventHandler<E>;
};

/** For event types a consumer deliberately does not act on. */
export const ignore = (): Promise<void> => Promise.resolve();

/**
 * Thrown by a handler for an event that can never be applied (as opposed to a passing failure
 * such as the database being down). The message goes to the dead-letter topic instead of being
 * retried forever.
 */
export class PermanentEventError extends Error {
  override name = "PermanentEventError";
}

export type ConsumerOptions<TTopic extends Topic> = {
  kafka: Kafka;
  /** Consumer group; also the idempotency scope in processed_message. */
  groupId: string;
  db: SqlDb;
  topics: readonly TTopic[];
  handlers: NoInfer<HandlerMap<TTopic>>;
  log: EventLog;
  fromBeginning?: boolean;
  /** Partitions handled at once; order within a partition is always kept. */
  concurrency?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
};

export type RunningConsumer = { stop(): Promise<void> };

const MARK_PROCESSED_SQL = `INSERT INTO processed_message (consumer, message_id) VALUES ($1, $2::uuid)
  ON CONFLICT DO NOTHING`;

const stringHeaders = (message: KafkaMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(message.headers ?? {}).flatMap(([k, v]) =>
      v === undefined ? [] : [[k, Array.isArray(v) ? v.map(String).join(",") : String(v)]],
    ),
  );

/**
 * Runs a consumer group: parse with the contracts, apply each event at most once (the handler's
 * writes and the processed mark commit together), dead-letter what can never be parsed or
 * applied, retry passing failures with backoff without skipping ahead on the partition.
 */
export const startConsumer = async <TTopic extends Topic>(
  opts: ConsumerOptions<TTopic>,
): Promise<RunningConsumer> => {
  const { kafka, groupId, db, log } = opts;
  const handlers = opts.handlers as unknown as Record<string, EventHandler<MarqueeEvent>>;
  const retryBaseMs = opts.retryBaseMs ?? 200;
  const retryMaxMs = opts.retryMaxMs ?? 10_000;
  let stopping = false;
  let dltProducer: Producer | undefined;

  const deadLetter = async (
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: string,
  ) => {
    if (!dltProducer) {
      dltProducer = kafka.producer({ allowAutoTopicCreation: false });
      await dltProducer.connect();
    }
    await dltProducer.send({
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
  };

  const apply = async (event: MarqueeEvent): Promise<boolean> =>
    db.$transaction(
      async (tx) => {
        const fresh = await tx.$executeRawUnsafe(MARK_PROCESSED_SQL, groupId, event.id);
        if (fresh === 0) return false;
        const handler = handlers[event.type];
        if (!handler) throw new PermanentEventError(`no handler for ${event.type}`);
        await handler(event, { tx, log });
        return true;
      },
      { maxWait: 10_000, timeout: 30_000 },
    );

  const eachMessage: EachMessageHandler = async (payload) => {
    const { topic, partition, message } = payload;
    const parsed = parseEventBytes(message.value);
    if (!parsed.ok) {
      await deadLetter(topic, partition, message, parsed.error);
      return;
    }
    const event = parsed.event;
    const eventLog = {
      consumer: groupId,
      eventId: event.id,
      type: event.type,
      correlationId: event.correlationId,
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        const applied = await apply(event);
        log.debug(
          { ...eventLog, applied },
          applied ? "event applied" : "duplicate event skipped",
        );
        return;
      } catch (error) {
        if (error instanceof PermanentEventError) {
          await deadLetter(topic, partition, message, error.message);
          return;
        }
        // A passing failure (database or network): retry in place so the partition keeps its
        // order. On shutdown, give up without committing; the next owner retries.
        if (stopping) throw error;
        const wait = backoffMs(attempt, retryBaseMs, retryMaxMs);
        if (attempt === 1 || attempt % 10 === 0) {
          log.warn(
            { ...eventLog, err: error, attempt, retryInMs: wait },
            "event handler failed; retrying",
          );
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
        await payload.heartbeat();
      }
    }
  };

  let current: Consumer | undefined;

  const relaunch = async (crashed: Consumer) => {
    await crashed.disconnect().catch(() => undefined);
    for (let attempt = 1; !stopping; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt, 500, 10_000)));
      if (stopping) return;
      try {
        current = await launch();
        log.warn({ consumer: groupId, attempt }, "consumer running again");
        return;
      } catch (error) {
        log.warn({ consumer: groupId, err: error, attempt }, "consumer cannot start yet; retrying");
      }
    }
  };

  const launch = async (): Promise<Consumer> => {
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      maxWaitTimeInMs: 500,
      heartbeatInterval: 3_000,
      retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 10 },
    });
    // kafkajs restarts itself after most failures, but gives up for good on some (a connection
    // error wrapped as non-retriable during a long broker outage). A consumer that silently
    // stops would stall its service, so it is replaced by a fresh one.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || stopping) return;
      log.error({ consumer: groupId, err: payload.error }, "consumer crashed; starting a new one");
      void relaunch(consumer);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({
        topics: [...opts.topics],
        fromBeginning: opts.fromBeginning ?? true,
      });
      await consumer.run({
        autoCommit: true,
        partitionsConsumedConcurrently: opts.concurrency ?? 3,
        eachMessage,
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    return consumer;
  };

  current = await launch();

  return {
    async stop() {
      stopping = true;
      await current?.disconnect();
      await dltProducer?.disconnect();
    },
  };
};
