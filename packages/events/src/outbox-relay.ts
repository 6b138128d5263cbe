import type { EventLog } from "./log";
import type { EventProducer } from "./producer";
import { backoffMs, createSleeper } from "./sleep";
import type { SqlDb } from "./sql";
import { publishSpans } from "./publish-spans";

/** A row of the lock-and-pick answer: `id` is null when nothing was picked. */
type PickedRow = { locked: boolean } & (OutboxRow | { id: null });

type OutboxRow = {
  id: string;
  /** Seconds since the row was written (its transaction's start). */
  waited: number;
  topic: string;
  key: string;
  payload: unknown;
  headers: unknown;
  bytes: number;
};

export type OutboxRelayOptions = {
  db: SqlDb;
  producer: EventProducer;
  log: EventLog;
  batchSize?: number;
  /**
   * Payload bytes per Kafka request. The broker refuses a record batch over `message.max.bytes`
   * (1 MB by default), and one key's rows land in one batch, so large events (a stadium layout's
   * seat chunks) must be split across requests rather than retried whole forever.
   */
  maxBatchBytes?: number;
  /**
   * How often a relay looks for new rows after it last found some (100 ms). Rows committed in
   * this process nudge it at once; polling is for rows other processes commit. Each empty look
   * doubles the wait, up to `idlePollMaxMs` (1 s), so an idle service does not spend ten
   * transactions a second finding nothing.
   */
  pollMs?: number;
  idlePollMaxMs?: number;
  /** Backoff while Kafka is unreachable, doubling from base to max. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /**
   * Called after each published batch is marked sent: its size, how long the batch took (pick,
   * send, mark) and how long its oldest row had waited since it was written (its transaction's
   * start), for metrics.
   */
  onPublished?: (batch: { rows: number; seconds: number; oldestWaitSeconds: number }) => void;
  /**
   * Housekeeping, at most this often and only after something was published: sent rows older
   * than `keepSentMs` are deleted and the outbox is vacuumed (`VACUUM (SKIP_LOCKED, ANALYZE)`, so
   * replicas never wait on each other). Every published row leaves a dead tuple and dead index
   * entries behind that each pick walks past until a vacuum, and autovacuum may be off or slow
   * (it is off on the machines Marquee is developed on). 0 turns it off.
   */
  janitorIntervalMs?: number;
  /** How long sent rows are kept for inspection before the janitor deletes them (24 h). */
  keepSentMs?: number;
};

export type OutboxRelay = {
  /** Publishes everything pending now; resolves when the outbox is empty. */
  flush(): Promise<void>;
  /** Wakes an idle relay (for example right after a commit). */
  nudge(): void;
  /** Stops polling after the batch in flight, then tries once more to drain the outbox. */
  stop(opts?: { drainTimeoutMs?: number }): Promise<void>;
};

// One relay per schema publishes at a time, so each key's events reach Kafka in commit order even
// with several replicas running; the others stand by and take over when it stops. The lock is
// scoped to the transaction, so a relay that dies mid-batch releases it with its connection.
// The lock and the pick are one statement (one round trip per batch fewer): a relay that does
// not get the lock picks nothing and answers `locked = false`; one that gets it and finds nothing
// answers a single row without an id.
const LOCK_AND_PICK_SQL = `WITH relay AS (
    SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox_relay')) AS locked)
  SELECT relay.locked, o.id, o.topic, o.key, o.payload, o.headers, o.bytes, o.waited
    FROM relay LEFT JOIN LATERAL (
      SELECT id, seq, topic, key, payload, headers, octet_length(payload::text) AS bytes,
             extract(epoch FROM clock_timestamp() - created_at)::float8 AS waited
        FROM outbox_message WHERE relay.locked AND sent_at IS NULL
       ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED) o ON true
   ORDER BY o.seq`;
// `sent_at` is read once, when the batch is marked (after the send, under the relay lock), so
// batches' `sent_at` follow the order they reached Kafka; `now()` would be the transaction's start.
const MARK_SENT_SQL = `WITH marked AS (SELECT clock_timestamp() AS at)
  UPDATE outbox_message SET sent_at = marked.at, attempts = attempts + 1, last_error = NULL
  FROM marked WHERE id = ANY($1::uuid[])`;
const MARK_FAILED_SQL = `UPDATE outbox_message SET attempts = attempts + 1, last_error = $2
  WHERE id = ANY($1::uuid[]) AND sent_at IS NULL`;

const PRUNE_SQL = `DELETE FROM outbox_message
  WHERE sent_at IS NOT NULL AND sent_at < clock_timestamp() - make_interval(secs => $1::float8)`;
const VACUUM_SQL = `VACUUM (SKIP_LOCKED, ANALYZE) outbox_message`;

const STANDBY = -1;

/** The longest prefix of `rows` within `maxBytes` (at least one row, so a batch always moves). */
export const takeWithin = <T extends { bytes: number }>(
  rows: readonly T[],
  maxBytes: number,
): T[] => {
  let total = 0;
  const taken: T[] = [];
  for (const row of rows) {
    total += Number(row.bytes);
    if (taken.length > 0 && total > maxBytes) break;
    taken.push(row);
  }
  return taken;
};

const toHeaders = (headers: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((headers ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );

/**
 * Publishes committed outbox rows to Kafka and marks them sent. At-least-once: a crash between
 * publish and commit republishes the batch, which idempotent consumers ignore by envelope id.
 */
export const startOutboxRelay = (opts: OutboxRelayOptions): OutboxRelay => {
  const { db, producer, log } = opts;
  const batchSize = opts.batchSize ?? 200;
  const maxBatchBytes = opts.maxBatchBytes ?? 800_000;
  const pollMs = opts.pollMs ?? 100;
  const idlePollMaxMs = Math.max(pollMs, opts.idlePollMaxMs ?? 1_000);
  /** Empty looks in a row since the relay last published or was nudged. */
  let emptyLooks = 0;
  const retryBaseMs = opts.retryBaseMs ?? 250;
  const retryMaxMs = opts.retryMaxMs ?? 1_000;
  const janitorIntervalMs = opts.janitorIntervalMs ?? 60_000;
  const keepSentMs = opts.keepSentMs ?? 24 * 60 * 60 * 1_000;
  let publishedSinceJanitor = 0;
  let lastJanitorAt = Date.now();
  const sleeper = createSleeper();
  let running = true;
  let failures = 0;
  /** The last batch left rows behind (row or byte limit), so look again at once. */
  let moreWaiting = false;
  /**
   * A nudge arrived since the last pick: rows committed while a batch was being published must
   * not wait for the next poll (a wake-up is lost on a relay that is not asleep).
   */
  let nudged = false;

  const publishBatch = async (): Promise<number> => {
    let picked: string[] = [];
    try {
      return await db.$transaction(
        async (tx) => {
          const started = performance.now();
          const answer = await tx.$queryRawUnsafe<Array<PickedRow>>(LOCK_AND_PICK_SQL, batchSize);
          if (!answer[0]?.locked) return STANDBY;
          nudged = false;
          const candidates = answer.filter((row): row is PickedRow & OutboxRow => row.id !== null);
          if (candidates.length === 0) return 0;
          // Rows left out stay unsent and come first in the next batch, so order is kept.
          const rows = takeWithin(candidates, maxBatchBytes);
          moreWaiting = rows.length < candidates.length || candidates.length === batchSize;
          picked = rows.map((row) => row.id);
          // A span per traced row (the trace of the transaction that wrote it), whose context
          // the message carries on to its consumers.
          const spans = publishSpans(
            rows.map((row) => ({ topic: row.topic, headers: toHeaders(row.headers) })),
          );
          try {
            await producer.send(
              rows.map((row, i) => ({
                topic: row.topic,
                key: row.key,
                value: JSON.stringify(row.payload),
                headers: spans.headers[i],
              })),
            );
          } catch (error) {
            spans.end(error);
            throw error;
          }
          spans.end();
          await tx.$executeRawUnsafe(MARK_SENT_SQL, picked);
          opts.onPublished?.({
            rows: rows.length,
            seconds: (performance.now() - started) / 1_000,
            oldestWaitSeconds: Math.max(...rows.map((row) => Number(row.waited))),
          });
          return rows.length;
        },
        { maxWait: 10_000, timeout: 60_000 },
      );
    } catch (error) {
      if (picked.length > 0) {
        const reason = String((error as Error).message).slice(0, 500);
        await Promise.resolve(db.$executeRawUnsafe(MARK_FAILED_SQL, picked, reason)).catch(
          () => undefined,
        );
      }
      throw error;
    }
  };

  /** Prunes old sent rows and vacuums the outbox; a failure is logged, publishing goes on. */
  const tidyUp = async () => {
    if (janitorIntervalMs <= 0 || publishedSinceJanitor === 0) return;
    if (Date.now() - lastJanitorAt < janitorIntervalMs) return;
    lastJanitorAt = Date.now();
    publishedSinceJanitor = 0;
    try {
      const pruned = await db.$executeRawUnsafe(PRUNE_SQL, keepSentMs / 1_000);
      await db.$executeRawUnsafe(VACUUM_SQL);
      log.debug({ pruned }, "outbox pruned and vacuumed");
    } catch (error) {
      log.warn({ err: error }, "outbox housekeeping failed; trying again later");
    }
  };

  const loop = (async () => {
    while (running) {
      try {
        const published = await publishBatch();
        if (published > 0) publishedSinceJanitor += published;
        await tidyUp();
        if (failures > 0) log.info({ failures }, "outbox relay recovered");
        failures = 0;
        if ((published > 0 && moreWaiting) || (published !== STANDBY && nudged)) continue;
        // Standing by while another replica publishes: a nudge (rows committed here) is worth a
        // quick second look once that replica's batch is done, not a long idle wait.
        const standbyMs = nudged ? Math.min(pollMs, 20) : pollMs * 5;
        emptyLooks = published === 0 ? emptyLooks + 1 : 0;
        const idleMs = Math.min(idlePollMaxMs, pollMs * 2 ** Math.max(0, emptyLooks - 1));
        await sleeper.sleep(published === STANDBY ? standbyMs : idleMs);
      } catch (error) {
        failures += 1;
        const wait = backoffMs(failures, retryBaseMs, retryMaxMs);
        // Log the first failure and then sparsely, so an outage does not flood the log.
        if (failures === 1 || failures % 20 === 0) {
          log.warn(
            { err: error, failures, retryInMs: wait },
            "outbox relay cannot publish; retrying",
          );
        }
        await sleeper.sleep(wait);
      }
    }
  })();

  const drain = async (deadline: number): Promise<void> => {
    while (Date.now() < deadline) {
      const published = await publishBatch();
      if (published === 0) return;
      if (published === STANDBY) await new Promise((r) => setTimeout(r, pollMs));
    }
    throw new Error("outbox relay could not drain the outbox in time");
  };

  return {
    flush: () => drain(Date.now() + 30_000),
    nudge: () => {
      nudged = true;
      emptyLooks = 0;
      sleeper.wake();
    },
    async stop({ drainTimeoutMs = 5_000 } = {}) {
      running = false;
      sleeper.wake();
      await loop;
      await drain(Date.now() + drainTimeoutMs).catch((error: unknown) =>
        log.warn(
          { err: error },
          "outbox relay stopped with messages pending; they go out on next start",
        ),
      );
    },
  };
};
