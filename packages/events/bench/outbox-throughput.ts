// Outbox → Kafka → idempotent consumer, end to end on the test broker: how many events per second
// the pipeline carries, and how long an event takes from commit to being applied in another schema
// (both instants are database timestamps, so polling here does not blur them).
//   npm run bench            (all benchmarks)
//   EVENTS=5000 npx tsx packages/events/bench/outbox-throughput.ts
import { performance } from "node:perf_hooks";
import { startOutboxRelay } from "../src/outbox-relay";
import { createEventProducer } from "../src/producer";
import { freshSchemas, startNoteConsumer, testKafka, writeNote } from "../test/fixture";

const total = Number(process.env.EVENTS ?? 2_000);
const writers = Number(process.env.WRITERS ?? 16);

const ctx = await freshSchemas("bench");
const kafka = testKafka(ctx.log);
const consumer = await startNoteConsumer(kafka, ctx.consumerDb, ctx.log);
const producer = createEventProducer(kafka);
const relay = startOutboxRelay({ db: ctx.producerDb, producer, log: ctx.log });

const waitApplied = async (prefix: string, count: number) => {
  while (
    (await ctx.consumerDb.appliedNote.count({ where: { body: { startsWith: prefix } } })) < count
  ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Commit (outbox row created) → sent to Kafka → applied by the consumer, in ms. */
const latencies = async (prefix: string) => {
  const [row] = await ctx.producerDb.$queryRawUnsafe<Array<Record<string, number>>>(
    `SELECT ${[50, 95, 99]
      .map(
        (p) =>
          `percentile_cont(${p / 100}) WITHIN GROUP (ORDER BY extract(epoch FROM p.processed_at - o.created_at) * 1000) AS p${p}`,
      )
      .join(", ")},
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM o.sent_at - o.created_at) * 1000) AS relay50
     FROM fixture_bench_producer.outbox_message o
     JOIN fixture_bench_consumer.processed_message p ON p.message_id = o.id
     WHERE o.payload->'data'->>'name' LIKE $1`,
    `${prefix}%`,
  );
  const ms = (key: string) => `${Number(row?.[key]).toFixed(0)} ms`;
  return `p50 ${ms("p50")} · p95 ${ms("p95")} · p99 ${ms("p99")} (of which relay p50 ${ms("relay50")})`;
};

const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: writers }, async () => {
    while (next < total) {
      next += 1;
      await writeNote(ctx.producerDb, `burst ${next}`);
    }
  }),
);
const writeSeconds = (performance.now() - t0) / 1000;
await waitApplied("burst ", total);
const endToEndSeconds = (performance.now() - t0) / 1000;

// The same path unloaded: one event every 20 ms, so the figure is the pipeline's own latency.
const paced = 200;
for (let i = 0; i < paced; i += 1) {
  await writeNote(ctx.producerDb, `paced ${i}`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await waitApplied("paced ", paced);
const duplicates = await ctx.consumerDb.appliedNote.count({ where: { appliedCount: { gt: 1 } } });

console.log(`outbox → Kafka → consumer (${total} events, ${writers} concurrent writers)`);
console.log(`  writes (state + outbox row, one tx)  ${(total / writeSeconds).toFixed(0)} tx/s`);
console.log(
  `  delivered and applied                 ${(total / endToEndSeconds).toFixed(0)} events/s`,
);
console.log(`  commit → applied under that burst     ${await latencies("burst ")}`);
console.log(`  commit → applied at 50 events/s       ${await latencies("paced ")}`);
console.log(`  applied twice                         ${duplicates}`);

await relay.stop();
await producer.disconnect();
await consumer.stop();
await ctx.producerDb.$disconnect();
await ctx.consumerDb.$disconnect();
