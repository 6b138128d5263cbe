import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startBroker, stopBroker } from "@marquee/infra/kafka";
import { waitFor } from "@marquee/testkit/wait-for";
import type { Kafka } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningConsumer } from "../src/consumer";
import { ensureTopics } from "../src/ensure-topics";
import { startOutboxRelay, type OutboxRelay } from "../src/outbox-relay";
import { createEventProducer, type EventProducer } from "../src/producer";
import { freshSchemas, startNoteConsumer, testKafka, writeNote } from "./fixture";

// This test stops and starts a real broker process, so it gets a broker of its own rather than
// pulling the shared test broker from under the other tests. Its ports are no environment's: the
// bench environment's broker (29092) keeps running after `npm run bench`, and a test broker on its
// port would find it there, "stop" a broker it never started and watch it go on publishing. They
// are below Linux's ephemeral range (32768 and up), where any outgoing connection may hold them
// (a broker on 39092 once failed to start: "Address already in use").
const broker = {
  port: 31092,
  controllerPort: 31093,
  dataDir: fileURLToPath(new URL("../../../.data/kafka-outage", import.meta.url)),
  log: () => undefined,
};

let ctx: Awaited<ReturnType<typeof freshSchemas>>;
let kafka: Kafka;
let producer: EventProducer;
let relay: OutboxRelay;
let consumer: RunningConsumer;

beforeAll(async () => {
  // A brand-new broker, so the consumer can read from the beginning: a group that resumed at
  // "latest" after the outage would skip what was published before it rejoined.
  await stopBroker(broker);
  rmSync(broker.dataDir, { recursive: true, force: true });
  await startBroker(broker);
  ctx = await freshSchemas("outage");
  kafka = testKafka(ctx.log, [`127.0.0.1:${broker.port}`]);
  await ensureTopics(kafka);
  consumer = await startNoteConsumer(kafka, ctx.consumerDb, ctx.log, { fromBeginning: true });
  producer = createEventProducer(kafka);
  relay = startOutboxRelay({ db: ctx.producerDb, producer, log: ctx.log, retryMaxMs: 1_000 });
}, 180_000);

afterAll(async () => {
  await relay?.stop({ drainTimeoutMs: 1_000 });
  await producer?.disconnect().catch(() => undefined);
  await consumer?.stop().catch(() => undefined);
  await ctx?.producerDb.$disconnect();
  await ctx?.consumerDb.$disconnect();
  await stopBroker(broker);
}, 60_000);

const appliedIds = async (ids: string[]) =>
  (await ctx.consumerDb.appliedNote.findMany({ where: { id: { in: ids } } })).map((row) => ({
    id: row.id,
    count: row.appliedCount,
  }));

describe("broker outage", () => {
  it("delivers every event written while Kafka was down, once each, after it comes back", async () => {
    const before = await Promise.all(
      Array.from({ length: 5 }, (_, i) => writeNote(ctx.producerDb, `before ${i}`)),
    );
    await waitFor(
      "events before the outage",
      async () => (await appliedIds(before.map((n) => n.id))).length === 5,
    );

    await stopBroker(broker);
    const during = [];
    for (let i = 0; i < 20; i += 1) during.push(await writeNote(ctx.producerDb, `during ${i}`));
    // The relay really tried and failed while the broker was gone, and kept the rows.
    await waitFor(
      "the relay to record a failed publish",
      async () =>
        (await ctx.producerDb.outboxMessage.count({
          where: { sentAt: null, lastError: { not: null } },
        })) > 0,
      { timeoutMs: 30_000 },
    );
    expect(await ctx.producerDb.outboxMessage.count({ where: { sentAt: null } })).toBe(20);

    await startBroker(broker);
    const all = [...before, ...during].map((n) => n.id);
    const applied = await waitFor(
      "every event to arrive after the broker restarted",
      async () => {
        const rows = await appliedIds(all);
        if (rows.length === all.length) return rows;
        // Say which side is behind if this never completes: the relay or the consumer.
        const unsent = await ctx.producerDb.outboxMessage.count({ where: { sentAt: null } });
        throw new Error(`${rows.length}/${all.length} applied, ${unsent} still unsent`);
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    expect(applied.every((row) => row.count === 1)).toBe(true);
    expect(await ctx.producerDb.outboxMessage.count({ where: { sentAt: null } })).toBe(0);
  }, 240_000);
});
