import type { Consumer, EachBatchHandler, Kafka, KafkaMessage } from "kafkajs";
import { createDeadLetterer } from "./dead-letter";
import type { EventLog } from "./log";
import { parseEventBytes } from "./parse-event";
import type { EventOnTopic, MarqueeEvent } from "./registry";
import { rejoinAsSameMember } from "./rejoin-as-same-member";
import { backoffMs } from "./sleep";
import type { SqlDb, SqlTx } from "./sql";
import { TOPIC_PARTITIONS, type Topic } from "./topics";
import { contextFromHeaders, inSpan, SpanKind } from "./trace-context";

export type HandlerContext = { tx: SqlTx; log: EventLog };
export type EventHandler<TEvent> = (event: TEvent, ctx: HandlerContext) => Promise<void>;

/**
 * One handler per event type on the subscribed topics. The map is exhaustive: a new event type on
 * a topic fails compilation until every consumer of that topic decides what to do with it.
 */
export type HandlerMap<TTopic extends Topic> = {
  [E in EventOnTopic<TTopic> as E["type"]]: EventHandler<E>;
};

/**
 * For event types a consumer deliberately does not act on. The consumer skips them before its
 * transaction (no processed mark, no database work), so use it only for a handler that does
 * nothing.
 */
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
  /**
   * Partitions handled at once (default: as many as a topic has, so a rush spread over every
   * partition is applied in parallel transactions); order within a partition is always kept.
   */
  concurrency?: number;
  /** Events applied in one database transaction at most (a fetched batch is cut into these). */
  maxBatchSize?: number;
  /**
   * Called after a transaction that applied at least one event has committed: handlers that
   * write outbox rows or queue work can wake what publishes or performs it, instead of leaving
   * it to the next poll.
   */
  onApplied?: () => void;
  /**
   * Called after each batch transaction commits, with how long it took from the start of the
   * transaction: for metrics (`@marquee/service` exports them on `/metrics`).
   */
  onBatchApplied?: (batch: {
    topic: string;
    events: number;
    applied: number;
    seconds: number;
  }) => void;
  retryBaseMs?: number;
  retryMaxMs?: number;
};

export type RunningConsumer = { stop(): Promise<void> };

const MARK_PROCESSED_SQL = `INSERT INTO processed_message (consumer, message_id) VALUES ($1, $2::uuid)
  ON CONFLICT DO NOTHING`;
const MARK_ALL_PROCESSED_SQL = `INSERT INTO processed_message (consumer, message_id)
  SELECT $1, id FROM unnest($2::uuid[]) AS id
  ON CONFLICT DO NOTHING RETURNING message_id::text AS id`;

type Parsed = { message: KafkaMessage; event: MarqueeEvent };

/**
 * Runs a consumer group: parse with the contracts, apply each event at most once (the handlers'
 * writes and the processed marks commit together), dead-letter what can never be parsed or
 * applied, retry passing failures with backoff without skipping ahead on the partition.
 *
 * Events are applied a fetched batch at a time, in one transaction per batch (cut at
 * `maxBatchSize`), which is what lets a hot partition keep up: one commit instead of one per
 * event. When a batch's transaction fails, nothing of it was applied; its events are then applied
 * one by one, so a poison message is isolated and dead-lettered while the rest go through, and a
 * passing failure is retried in place. Offsets are resolved and committed only after the
 * transaction that applied them.
 */
export const startConsumer = async <TTopic extends Topic>(
  opts: ConsumerOptions<TTopic>,
): Promise<RunningConsumer> => {
  const { kafka, groupId, db, log } = opts;
  const handlers = opts.handlers as unknown as Record<string, EventHandler<MarqueeEvent>>;
  const retryBaseMs = opts.retryBaseMs ?? 200;
  const retryMaxMs = opts.retryMaxMs ?? 10_000;
  const maxBatchSize = opts.maxBatchSize ?? 100;
  const deadLetters = createDeadLetterer(kafka, groupId, log);
  let stopping = false;

  /**
   * Applies one event in a CONSUMER span that continues the trace its message carries (the
   * producer's `traceparent`), so what the handler writes to the outbox continues it too.
   */
  const handle = async (tx: SqlTx, { message, event }: Parsed) => {
    const handler = handlers[event.type];
    if (!handler) throw new PermanentEventError(`no handler for ${event.type}`);
    await inSpan(
      `${groupId} ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextFromHeaders(message.headers),
        attributes: { "messaging.system": "kafka", "messaging.consumer.group.name": groupId },
      },
      () => handler(event, { tx, log }),
    );
  };

  /** The whole batch in one transaction; returns how many events were new (not redelivered). */
  const applyAll = (items: Parsed[]): Promise<number> =>
    db.$transaction(
      async (tx) => {
        const ids = [...new Set(items.map(({ event }) => event.id.toLowerCase()))];
        const marked = await tx.$queryRawUnsafe<Array<{ id: string }>>(
          MARK_ALL_PROCESSED_SQL,
          groupId,
          ids,
        );
        const fresh = new Set(marked.map((row) => row.id));
        let applied = 0;
        for (const item of items) {
          // A redelivered event was marked before; a repeat within this batch, a moment ago.
          if (!fresh.delete(item.event.id.toLowerCase())) continue;
          await handle(tx, item);
          applied += 1;
        }
        return applied;
      },
      { maxWait: 10_000, timeout: 30_000 },
    );

  const applyOne = (item: Parsed): Promise<boolean> =>
    db.$transaction(
      async (tx) => {
        const fresh = await tx.$executeRawUnsafe(MARK_PROCESSED_SQL, groupId, item.event.id);
        if (fresh === 0) return false;
        await handle(tx, item);
        return true;
      },
      { maxWait: 10_000, timeout: 30_000 },
    );

  /** One event in its own transaction, retried in place until it applies or proves permanent. */
  const applyAlone = async (
    topic: string,
    partition: number,
    item: Parsed,
    heartbeat: () => Promise<void>,
  ) => {
    const { message, event } = item;
    const eventLog = {
      consumer: groupId,
      eventId: event.id,
      type: event.type,
      correlationId: event.correlationId,
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        const applied = await applyOne(item);
        log.debug({ ...eventLog, applied }, applied ? "event applied" : "duplicate event skipped");
        if (applied) opts.onApplied?.();
        return;
      } catch (error) {
        if (error instanceof PermanentEventError) {
          await deadLetters.park(topic, partition, message, error.message);
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
        await heartbeat();
      }
    }
  };

  const applyChunk = async (
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    heartbeat: () => Promise<void>,
  ) => {
    const parsed: Parsed[] = [];
    for (const message of messages) {
      const result = parseEventBytes(message.value);
      if (result.ok) parsed.push({ message, event: result.event });
      else await deadLetters.park(topic, partition, message, result.error);
    }
    // An event this consumer ignores changes nothing however often it comes, so it needs no
    // processed mark and no transaction: a batch of only such events costs no database work.
    const wanted = parsed.filter(({ event }) => handlers[event.type] !== ignore);
    if (wanted.length === 0) return;
    try {
      const started = performance.now();
      const applied = await applyAll(wanted);
      opts.onBatchApplied?.({
        topic,
        events: wanted.length,
        applied,
        seconds: (performance.now() - started) / 1_000,
      });
      log.debug(
        { consumer: groupId, topic, partition, events: wanted.length, applied },
        "batch applied",
      );
      if (applied > 0) opts.onApplied?.();
    } catch (error) {
      if (stopping) throw error;
      // Nothing of the batch committed. One by one, a poison message is dead-lettered alone
      // and a passing failure is retried where it happens.
      log.warn(
        { consumer: groupId, topic, partition, events: wanted.length, err: error },
        "batch failed; applying its events one by one",
      );
      for (const item of wanted) await applyAlone(topic, partition, item, heartbeat);
    }
  };

  const eachBatch: EachBatchHandler = async (payload) => {
    const { topic, partition, messages } = payload.batch;
    const heartbeat = () => payload.heartbeat();
    for (let start = 0; start < messages.length; start += maxBatchSize) {
      // After a rebalance or seek the rest of this batch is someone else's, or read again.
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = messages.slice(start, start + maxBatchSize);
      await applyChunk(topic, partition, chunk, heartbeat);
      const last = chunk.at(-1);
      if (last) payload.resolveOffset(last.offset);
      await payload.commitOffsetsIfNecessary();
      await heartbeat();
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
    rejoinAsSameMember();
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
        // Within a long batch, commit what is applied at least every second.
        autoCommitInterval: 1_000,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: opts.concurrency ?? TOPIC_PARTITIONS,
        eachBatch,
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
      await deadLetters.disconnect();
    },
  };
};
