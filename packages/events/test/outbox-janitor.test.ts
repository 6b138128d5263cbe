import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOutboxRelay, type OutboxRelay } from "../src/outbox-relay";
import { createEventProducer, type EventProducer } from "../src/producer";
import { freshSchemas, testKafka, writeNote } from "./fixture";

let ctx: Awaited<ReturnType<typeof freshSchemas>>;
let producer: EventProducer;
let relay: OutboxRelay;

beforeAll(async () => {
  ctx = await freshSchemas("janitor");
  producer = createEventProducer(testKafka(ctx.log));
});

afterAll(async () => {
  await relay?.stop();
  await producer?.disconnect();
  await ctx?.producerDb.$disconnect();
  await ctx?.consumerDb.$disconnect();
});

const lastVacuum = async () => {
  const [row] = await ctx.producerDb.$queryRawUnsafe<Array<{ at: Date | null }>>(
    `SELECT last_vacuum AS at FROM pg_stat_user_tables
      WHERE schemaname = current_schema() AND relname = 'outbox_message'`,
  );
  return row?.at ?? null;
};

describe("outbox housekeeping", () => {
  it("deletes sent rows past their keeping time and vacuums the outbox, leaving unsent rows alone", async () => {
    const before = await lastVacuum();
    relay = startOutboxRelay({
      db: ctx.producerDb,
      producer,
      log: ctx.log,
      janitorIntervalMs: 1,
      keepSentMs: 0,
    });
    const { event } = await writeNote(ctx.producerDb, "published, then pruned");
    relay.nudge();

    await waitFor("the row published and then pruned", async () => {
      const rows = await ctx.producerDb.outboxMessage.count({ where: { id: event.id } });
      return rows === 0 ? true : undefined;
    });
    await waitFor("the outbox vacuumed", async () => {
      const at = await lastVacuum();
      return at && (!before || at > before) ? at : undefined;
    });

    // A row sent less than keepSentMs ago is kept.
    await relay.stop();
    const { event: unsent } = await writeNote(ctx.producerDb, "waiting for a relay");
    expect(await ctx.producerDb.outboxMessage.count({ where: { id: unsent.id } })).toBe(1);
    const keeper = startOutboxRelay({
      db: ctx.producerDb,
      producer,
      log: ctx.log,
      janitorIntervalMs: 1,
      keepSentMs: 60_000,
    });
    relay = keeper;
    await waitFor("the waiting row published", async () => {
      const row = await ctx.producerDb.outboxMessage.findUnique({ where: { id: unsent.id } });
      return row?.sentAt ? row : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await ctx.producerDb.outboxMessage.count({ where: { id: unsent.id } })).toBe(1);
  });
});
