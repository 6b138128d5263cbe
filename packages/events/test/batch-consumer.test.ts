import { randomUUID } from "node:crypto";
import { waitFor } from "@marquee/testkit/wait-for";
import type { Consumer, Kafka, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventPublished } from "../src/contracts/catalog";
import { PermanentEventError, type RunningConsumer } from "../src/consumer";
import { createEvent } from "../src/create-event";
import type { SqlDb } from "../src/sql";
import { deadLetterTopic, Topics } from "../src/topics";
import { appliedCount, freshSchemas, noteEvent, startNoteConsumer, testKafka } from "./fixture";

let ctx: Awaited<ReturnType<typeof freshSchemas>>;
let kafka: Kafka;
let producer: Producer;
let noteConsumer: RunningConsumer;
let dltReader: Consumer;
const deadLetters: Array<{ key: string; headers: Record<string, string> }> = [];
/** Transactions the consumer opened, to tell a batch apart from one event at a time. */
let transactions = 0;
/** How a note's handler behaves, by note id: the default applies it. */
const behaviour = new Map<string, "poison" | { failuresLeft: number }>();
const handlerCalls = new Map<string, number>();

beforeAll(async () => {
  ctx = await freshSchemas("batch");
  kafka = testKafka(ctx.log);
  dltReader = kafka.consumer({ groupId: `dlt-reader-${randomUUID()}` });
  await dltReader.connect();
  await dltReader.subscribe({ topic: deadLetterTopic(Topics.catalogEvents), fromBeginning: true });
  await dltReader.run({
    eachMessage: ({ message }) => {
      deadLetters.push({
        key: message.key?.toString() ?? "",
        headers: Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        ),
      });
      return Promise.resolve();
    },
  });
  const counted: SqlDb = {
    $executeRawUnsafe: (query, ...values) => ctx.consumerDb.$executeRawUnsafe(query, ...values),
    $queryRawUnsafe: <T>(query: string, ...values: unknown[]) =>
      ctx.consumerDb.$queryRawUnsafe<T>(query, ...values),
    $transaction: (fn, options) => {
      transactions += 1;
      return ctx.consumerDb.$transaction((tx) => fn(tx), options);
    },
  };
  noteConsumer = await startNoteConsumer(kafka, ctx.consumerDb, ctx.log, {
    consumerDb: counted,
    beforeApply: (event) => {
      const id = event.data.eventId;
      handlerCalls.set(id, (handlerCalls.get(id) ?? 0) + 1);
      const how = behaviour.get(id);
      if (how === "poison") throw new PermanentEventError(`note ${id} can never be applied`);
      if (how && how.failuresLeft > 0) {
        how.failuresLeft -= 1;
        throw new Error(`note ${id} hit a passing failure`);
      }
    },
  });
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await noteConsumer?.stop();
  await dltReader?.disconnect();
  await ctx?.producerDb.$disconnect();
  await ctx?.consumerDb.$disconnect();
});

/** One produce request on one key: the events land in one record batch of one partition. */
const sendTogether = async (key: string, events: Array<{ id: string }>) => {
  await producer.send({
    topic: Topics.catalogEvents,
    messages: events.map((event) => ({ key, value: JSON.stringify(event) })),
  });
};

const counts = (ids: string[]) => Promise.all(ids.map((id) => appliedCount(ctx.consumerDb, id)));

const allApplied = (ids: string[]) =>
  waitFor(`${ids.length} notes to be applied`, async () => {
    const found = await counts(ids);
    return found.every((n) => n > 0) ? found : undefined;
  });

describe("batch consumer", () => {
  it("applies a fetched batch of events in one transaction, each once", async () => {
    const key = randomUUID();
    const events = Array.from({ length: 40 }, (_, i) => noteEvent(randomUUID(), `batch ${i}`));
    transactions = 0;
    await sendTogether(key, events);

    const applied = await allApplied(events.map((e) => e.data.eventId));
    expect(applied.every((n) => n === 1)).toBe(true);
    // One event per transaction would take 40; a batch takes one (or a few if Kafka split it).
    expect(transactions).toBeLessThanOrEqual(4);
  });

  it("spends no transaction and no processed mark on events the consumer ignores", async () => {
    const key = randomUUID();
    // catalog.event-published is `ignore` in the note consumer.
    const ignored = Array.from({ length: 20 }, () =>
      createEvent(EventPublished, {
        key,
        correlationId: randomUUID(),
        data: {
          eventId: randomUUID(),
          name: "ignored",
          venueId: randomUUID(),
          venueName: "Hall",
          startsAt: new Date().toISOString(),
          timeZone: "Europe/Amsterdam",
          holdTtlSeconds: 900,
        },
      }),
    );
    transactions = 0;
    await sendTogether(key, ignored);
    // A note behind them on the same partition: once it is applied, the ignored ones were seen.
    const note = noteEvent(randomUUID(), "after the ignored");
    await sendTogether(key, [note]);
    await allApplied([note.data.eventId]);

    const marks = await ctx.consumerDb.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT message_id::text AS id FROM processed_message WHERE message_id = ANY($1::uuid[])`,
      [...ignored.map((event) => event.id), note.id],
    );
    expect(marks.map((mark) => mark.id)).toEqual([note.id]);
    expect(transactions).toBe(1);
  });

  it("skips an event redelivered within a batch and one applied in an earlier batch", async () => {
    const key = randomUUID();
    const [a, b, c] = [1, 2, 3].map((i) => noteEvent(randomUUID(), `dup ${i}`)) as [
      ReturnType<typeof noteEvent>,
      ReturnType<typeof noteEvent>,
      ReturnType<typeof noteEvent>,
    ];
    await sendTogether(key, [a]);
    await allApplied([a.data.eventId]);

    await sendTogether(key, [b, a, c, b]);
    await allApplied([b.data.eventId, c.data.eventId]);
    // Whatever came after the duplicates has been applied, so they were seen and skipped.
    const later = noteEvent(randomUUID(), "after the duplicates");
    await sendTogether(key, [later]);
    await allApplied([later.data.eventId]);
    expect(await counts([a, b, c].map((e) => e.data.eventId))).toEqual([1, 1, 1]);
  });

  it("dead-letters a poison event in the middle of a batch and applies the others once", async () => {
    const key = randomUUID();
    const before = noteEvent(randomUUID(), "before the poison");
    const poison = noteEvent(randomUUID(), "poison");
    const after = noteEvent(randomUUID(), "after the poison");
    behaviour.set(poison.data.eventId, "poison");

    await sendTogether(key, [before, poison, after]);
    await allApplied([before.data.eventId, after.data.eventId]);
    const parked = await waitFor("the poison on the dead-letter topic", () =>
      deadLetters.find((m) => m.headers["dlt-error"]?.includes(poison.data.eventId)),
    );
    expect(parked.key).toBe(key);
    expect(parked.headers["dlt-consumer"]).toMatch(/^events-test-/);
    expect(await counts([before.data.eventId, poison.data.eventId, after.data.eventId])).toEqual([
      1, 0, 1,
    ]);
    // The batch was tried whole first, then the poison alone: it rolled back the others once.
    expect(handlerCalls.get(before.data.eventId)).toBe(2);
    expect(
      ctx.log.lines.some((l) => l.msg === "batch failed; applying its events one by one"),
    ).toBe(true);
  });

  it("retries a batch whose transaction failed on a passing error and applies every event once", async () => {
    const key = randomUUID();
    const first = noteEvent(randomUUID(), "first");
    const flaky = noteEvent(randomUUID(), "flaky");
    const last = noteEvent(randomUUID(), "last");
    // Fails in the batch and once more on its own, then goes through.
    behaviour.set(flaky.data.eventId, { failuresLeft: 2 });

    await sendTogether(key, [first, flaky, last]);
    const applied = await allApplied([first, flaky, last].map((e) => e.data.eventId));
    expect(applied).toEqual([1, 1, 1]);
    expect(handlerCalls.get(flaky.data.eventId)).toBe(3);
    expect(deadLetters.some((m) => m.headers["dlt-error"]?.includes(flaky.data.eventId))).toBe(
      false,
    );
  });
});
