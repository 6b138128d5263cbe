import type { MarqueeEvent } from "@marquee/events/registry";
import { findDefinition } from "@marquee/events/registry";
import { traceHeaders } from "@marquee/events/trace-context";
import type { Pool } from "./client";

/**
 * Holds go to the database in batches: `hold_seats_batch`, a plpgsql function in migration
 * 20261130120000_hold_in_batches, applies every hold request waiting in this process in one
 * statement, one round trip and one commit, and answers each on its own. Per hold, in order:
 *   1. a requested seat missing, held or sold ends it with `seat-taken`;
 *   2. a cancelled event ends it with `event-cancelled`;
 *   3. over the per-customer cap (counted per (event, email) under its advisory lock, with a fresh
 *      snapshot) ends it with `over-customer-cap`;
 *   4. a public hold of an ordinary seat that someone on the event's waiting list waits for (an
 *      entry `waiting` for the event, or for the seat's section) ends with `kept-for-waiting-list`;
 *      an offer to a waiting-list entry ends with `entry-not-waiting` unless the entry still waits
 *      (migration 20261201140000_waiting_list);
 *   5. otherwise the reservation, its seats (`UPDATE … WHERE state = 'available'` under the row
 *      locks), and the reservation-created outbox row, with the expiry computed there.
 * The batch takes every advisory lock and every seat row lock up front, in key order, so a refused
 * hold has written nothing and two batches cannot deadlock. An ordinary batch (no offer, nobody
 * waiting for its events, none cancelled) is then decided in memory from values read once and
 * written in four statements (migration 20261203090000_hold_batch_in_sets); any other goes hold by
 * hold (`hold_seats_batch_in_turn`), with the same answers.
 *
 * How batches form: at most `inFlight` statements run at once; a request that arrives while they
 * are all busy waits, and the next free slot takes everything waiting (up to `maxBatch`) in one
 * statement. Alone, a hold goes at once; in a rush, the cost of a transaction (round trip,
 * snapshot, commit and its WAL flush) is shared by every hold of its batch. If a batch fails as a
 * whole (it should not: no hold raises), each of its holds is retried alone, so one bad request
 * cannot fail the others.
 */
export type HoldOutcome =
  | { kind: "held"; expiresAt: Date; alreadyHeld: number }
  | { kind: "seat-taken"; seatId: string }
  | { kind: "event-cancelled" }
  | { kind: "over-customer-cap"; alreadyHeld: number }
  | { kind: "kept-for-waiting-list" }
  | { kind: "entry-not-waiting" };

export type HoldRequest = {
  reservationId: string;
  eventId: string;
  customerId: string;
  /** Lower-cased; the cap counts by it. */
  customerEmail: string;
  /** Distinct seat ids. */
  seatIds: readonly string[];
  currency: string;
  now: Date;
  /** reservation-created, whose `data.expiresAt` the statement fills in. */
  event: MarqueeEvent;
  /**
   * A waiting-list offer: the hold is for this entry, which must still be waiting and becomes
   * `offered` in the same transaction, with `event` (waiting-list-offered, `data.expiresAt` filled
   * in like the hold's) in the outbox. Only an offer may take seats kept for the waiting list.
   */
  offer?: { entryId: string; event: MarqueeEvent };
};

export type HoldBatcher = {
  hold(request: HoldRequest): Promise<HoldOutcome>;
};

export type HoldBatcherOptions = {
  /** The event's own hold TTL wins when it has one. */
  defaultTtlSeconds: number;
  /** Seats one customer (email) may hold per event. */
  cap: number;
  /** Statements running at once (1: a group commit); keep it below the pool size. */
  inFlight?: number;
  /** Holds per statement at most. */
  maxBatch?: number;
};

const HOLD_SQL = `SELECT idx, outcome, lost_seat AS "lostSeat", already_held AS "alreadyHeld",
       hold_expires_at AS "expiresAt"
  FROM hold_seats_batch($1::jsonb, $2::int, $3::int)`;

type HoldRow = {
  idx: number;
  outcome: HoldOutcome["kind"];
  lostSeat: string | null;
  alreadyHeld: number | null;
  expiresAt: Date | null;
};

type Waiting = {
  request: HoldRequest;
  /** The trace of the request that asked (its `traceparent`), read when it asked: the batch runs
   * in whichever request's context started it, and each outbox row continues its own. */
  trace: Record<string, string>;
  resolve: (outcome: HoldOutcome) => void;
  reject: (error: unknown) => void;
};

const topicOf = (event: MarqueeEvent): string => {
  const def = findDefinition(event.type);
  if (!def) throw new Error(`cannot enqueue unknown event type "${event.type}"`);
  return def.topic;
};

const toJson = ({ request: r, trace }: Pick<Waiting, "request" | "trace">) => {
  return {
    reservationId: r.reservationId,
    eventId: r.eventId,
    customerId: r.customerId,
    customerEmail: r.customerEmail,
    seatIds: r.seatIds,
    currency: r.currency,
    now: r.now.toISOString(),
    event: r.event,
    topic: topicOf(r.event),
    headers: { correlationId: r.event.correlationId, ...trace },
    ...(r.offer && {
      waitingListEntryId: r.offer.entryId,
      offer: r.offer.event,
      offerTopic: topicOf(r.offer.event),
    }),
  };
};

/** `hold_seats_batch`'s first argument: the holds, in order, each with its request's trace. */
export const holdBatchJson = (
  batch: ReadonlyArray<{ request: HoldRequest; trace: Record<string, string> }>,
): string => JSON.stringify(batch.map(toJson));

const toOutcome = (row: HoldRow): HoldOutcome => {
  switch (row.outcome) {
    case "held":
      return { kind: "held", expiresAt: row.expiresAt!, alreadyHeld: row.alreadyHeld ?? 0 };
    case "seat-taken":
      return { kind: "seat-taken", seatId: row.lostSeat! };
    case "event-cancelled":
      return { kind: "event-cancelled" };
    case "over-customer-cap":
      return { kind: "over-customer-cap", alreadyHeld: row.alreadyHeld ?? 0 };
    case "kept-for-waiting-list":
      return { kind: "kept-for-waiting-list" };
    case "entry-not-waiting":
      return { kind: "entry-not-waiting" };
  }
};

export const createHoldBatcher = (pool: Pool, options: HoldBatcherOptions): HoldBatcher => {
  const inFlight = options.inFlight ?? 1;
  const maxBatch = options.maxBatch ?? 100;
  const waiting: Waiting[] = [];
  let running = 0;

  const runStatement = async (batch: readonly Waiting[]): Promise<HoldOutcome[]> => {
    const { rows } = await pool.query<HoldRow>({
      text: HOLD_SQL,
      values: [holdBatchJson(batch), options.defaultTtlSeconds, options.cap],
    });
    const byIndex = new Map(rows.map((row) => [row.idx, toOutcome(row)]));
    return batch.map((_, i) => {
      const outcome = byIndex.get(i);
      if (!outcome) throw new Error(`hold_seats_batch did not answer hold ${i} of ${batch.length}`);
      return outcome;
    });
  };

  const settle = async (batch: readonly Waiting[]): Promise<void> => {
    try {
      const outcomes = await runStatement(batch);
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Each alone, so whatever failed the batch fails only its own request.
      await Promise.all(batch.map((w) => settle([w])));
    }
  };

  const pump = () => {
    while (running < inFlight && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      running += 1;
      void settle(batch).finally(() => {
        running -= 1;
        pump();
      });
    }
  };

  return {
    hold: (request) =>
      new Promise<HoldOutcome>((resolve, reject) => {
        waiting.push({ request, trace: traceHeaders(), resolve, reject });
        pump();
      }),
  };
};
