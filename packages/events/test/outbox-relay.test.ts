import type { FixtureDb } from "@marquee/db/fixture";
import { waitFor } from "@marquee/testkit/wait-for";
import type { Consumer, Kafka } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningConsumer } from "../src/consumer";
import { startOutboxRelay, type OutboxRelay } from "../src/outbox-relay";
import { createEventProducer, type EventProducer } from "../src/producer";
import type { SqlDb } from "../src/sql";
import { Topics } from "../src/topics";
import { randomUUID } from "node:crypto";
import { EventUpdated } from "../src/contracts/catalog";
import { createEvent } from "../src/create-event";
import { enqueue } from "../src/outbox";
import { appliedCount, freshSchemas, startNoteConsumer, testKafka, writeNote } from "./fixture";

let ctx: Awaited<ReturnType<typeof freshSchemas>>;
let kafka: Kafka;
let producer: EventProducer;
let relays: OutboxRelay[] = [];
let noteConsumer: RunningConsumer;
let rawConsumer: Consumer;
/** Every delivery Kafka makes of each envelope id, counted outside the idempotent consumer. */
const deliveries = new Map<string, number>();

const outboxRow = (db: FixtureDb, id: string) => db.outboxMessage.findUnique({ where: { id } });

beforeAll(async () => {
  ctx = await freshSchemas("relay");
  kafka = testKafka(ctx.log);
  rawConsumer = kafka.consumer({ groupId: `raw-${Date.now()}` });
  await rawConsumer.connect();
  await rawConsumer.subscribe({ topic: Topics.catalogEvents, fromBeginning: false });
  await rawConsumer.run({
    eachMessage: ({ message }) => {
      const id = (JSON.parse(message.value?.toString() ?? "{}") as { id?: string }).id;
      if (id) deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      return Promise.resolve();
    },
  });
  noteConsumer = await startNoteConsumer(kafka, ctx.consumerDb, ctx.log);
  producer = createEventProducer(kafka);
  relays = [startOutboxRelay({ db: ctx.producerDb, producer, log: ctx.log })];
});

afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.stop()));
  await producer?.disconnect();
  await noteConsumer?.stop();
  await rawConsumer?.disconnect();
  await ctx?.producerDb.$disconnect();
  await ctx?.consumerDb.$disconnect();
});

describe("transactional outbox", () => {
  it("commits a use case's state and its event together, and announces nothing it rolled back", async () => {
    const committed = await writeNote(ctx.producerDb, "committed");
    await expect(writeNote(ctx.producerDb, "rolled back", { fail: true })).rejects.toThrow(
      "use case failed after writing",
    );

    expect(await ctx.producerDb.note.count({ where: { body: "committed" } })).toBe(1);
    expect(await outboxRow(ctx.producerDb, committed.event.id)).not.toBeNull();
    expect(await ctx.producerDb.note.count({ where: { body: "rolled back" } })).toBe(0);
    expect(
      await ctx.producerDb.outboxMessage.count({
        where: { payload: { path: ["data", "name"], equals: "rolled back" } },
      }),
    ).toBe(0);

    // Same-partition order: once a later event arrived, an earlier one would have too.
    const later = await writeNote(ctx.producerDb, "later");
    await waitFor("the later event to be applied", async () =>
      (await appliedCount(ctx.consumerDb, later.id)) === 1 ? true : undefined,
    );
    expect(await appliedCount(ctx.consumerDb, committed.id)).toBe(1);
    expect(await ctx.consumerDb.appliedNote.count({ where: { body: "rolled back" } })).toBe(0);
    expect((await outboxRow(ctx.producerDb, committed.event.id))?.sentAt).toBeInstanceOf(Date);
  });

  it("applies an event in another schema exactly once when Kafka delivers it twice", async () => {
    const { id, event } = await writeNote(ctx.producerDb, "delivered twice");
    await waitFor(
      "the event to be applied",
      async () => (await appliedCount(ctx.consumerDb, id)) === 1,
    );

    // What a relay crash between publish and commit looks like: the same envelope again.
    await producer.send([
      { topic: Topics.catalogEvents, key: event.key, value: JSON.stringify(event) },
    ]);
    await waitFor("the duplicate to reach Kafka", () => (deliveries.get(event.id) ?? 0) >= 2);
    const sentinel = await writeNote(ctx.producerDb, "sentinel", {});
    await waitFor(
      "a later event on the partition",
      async () => (await appliedCount(ctx.consumerDb, sentinel.id)) === 1,
    );

    expect(await appliedCount(ctx.consumerDb, id)).toBe(1);
    expect(await ctx.consumerDb.processedMessage.count({ where: { messageId: event.id } })).toBe(1);
  });

  it("looks less and less often while there is nothing to publish, and still publishes rows committed without a nudge", async () => {
    let looks = 0;
    const counted: SqlDb = {
      $executeRawUnsafe: (query, ...values) => ctx.producerDb.$executeRawUnsafe(query, ...values),
      $queryRawUnsafe: <T>(query: string, ...values: unknown[]) =>
        ctx.producerDb.$queryRawUnsafe<T>(query, ...values),
      $transaction: (fn, options) => {
        looks += 1;
        return ctx.producerDb.$transaction((tx) => fn(tx), options);
      },
    };
    await relays[0]?.flush();
    const idle = startOutboxRelay({
      db: counted,
      producer,
      log: ctx.log,
      pollMs: 100,
      idlePollMaxMs: 800,
    });
    relays.push(idle);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Looks after 0, 100, 300, 700, 1,500 ms…; polling every 100 ms would make about twenty.
    expect(looks).toBeGreaterThanOrEqual(3);
    expect(looks).toBeLessThanOrEqual(8);

    // A row committed as another process would, with no nudge, still goes out.
    const { event } = await writeNote(ctx.producerDb, "committed without a nudge");
    await waitFor("the row published", () => (deliveries.get(event.id) === 1 ? true : undefined), {
      timeoutMs: 5_000,
    });
  });

  it("publishes every event once when several relays share one outbox", async () => {
    relays.push(
      startOutboxRelay({ db: ctx.producerDb, producer: createEventProducer(kafka), log: ctx.log }),
      startOutboxRelay({ db: ctx.producerDb, producer: createEventProducer(kafka), log: ctx.log }),
    );
    const notes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => writeNote(ctx.producerDb, `burst ${i}`)),
    );
    await waitFor(
      "all burst events to be applied",
      async () =>
        (await ctx.consumerDb.appliedNote.count({
          where: { id: { in: notes.map((n) => n.id) } },
        })) === notes.length,
      { timeoutMs: 30_000 },
    );
    expect(await ctx.producerDb.outboxMessage.count({ where: { sentAt: null } })).toBe(0);
    for (const note of notes) {
      expect(deliveries.get(note.event.id), `deliveries of ${note.id}`).toBe(1);
      expect(await appliedCount(ctx.consumerDb, note.id)).toBe(1);
    }
  });

  it("splits large events of one key across requests the broker accepts", async () => {
    // Eight ~200 kB events on one key share a partition: 1.6 MB would be one record batch, over
    // the broker's 1 MB limit, and a relay sending it whole would retry it forever.
    const key = randomUUID();
    const big = "x".repeat(200_000);
    const events = Array.from({ length: 8 }, () =>
      createEvent(EventUpdated, {
        key,
        correlationId: randomUUID(),
        data: {
          eventId: randomUUID(),
          name: big,
          startsAt: new Date().toISOString(),
          timeZone: "UTC",
          status: "draft",
          holdTtlSeconds: 900,
        },
      }),
    );
    await ctx.producerDb.$transaction((tx) => enqueue(tx, ...events));

    await waitFor(
      "every large event to be applied",
      async () =>
        (await ctx.consumerDb.appliedNote.count({
          where: { id: { in: events.map((e) => e.data.eventId) } },
        })) === events.length,
      { timeoutMs: 30_000 },
    );
    for (const event of events) expect(deliveries.get(event.id)).toBe(1);
  });
});
