import { randomUUID } from "node:crypto";
import { createFixtureDb, type FixtureDb } from "@marquee/db/fixture";
import { migrate } from "@marquee/db/migrate";
import { testEnv, testKafkaBrokers } from "@marquee/testkit/test-env";
import { createTestLog } from "@marquee/testkit/test-log";
import { waitFor } from "@marquee/testkit/wait-for";
import type { Kafka } from "kafkajs";
import { EventUpdated } from "../src/contracts/catalog";
import { causedBy, createEvent } from "../src/create-event";
import { createKafka } from "../src/kafka";
import { enqueue } from "../src/outbox";
import { ignore, startConsumer, type RunningConsumer } from "../src/consumer";
import type { SqlDb } from "../src/sql";
import { Topics } from "../src/topics";

/**
 * Two throwaway schemas stand in for two services: `producerDb` writes notes and announces them
 * through its outbox; `consumerDb` applies them. Both are real Postgres schemas migrated from the
 * fixture migrations, so the machinery under test is exactly what services run.
 */
export const freshSchemas = async (suffix: string) => {
  const producerSchema = `fixture_${suffix}_producer`;
  const consumerSchema = `fixture_${suffix}_consumer`;
  const admin = createFixtureDb({ url: testEnv.databaseUrl, schema: "public" });
  for (const schema of [producerSchema, consumerSchema]) {
    await admin.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
  await admin.$disconnect();
  const log = createTestLog();
  await migrate({
    url: testEnv.databaseUrl,
    targets: [
      { name: "fixture", schema: producerSchema },
      { name: "fixture", schema: consumerSchema },
    ],
    log: () => undefined,
  });
  return {
    producerDb: createFixtureDb({ url: testEnv.databaseUrl, schema: producerSchema }),
    consumerDb: createFixtureDb({ url: testEnv.databaseUrl, schema: consumerSchema }),
    log,
  };
};

export const testKafka = (log = createTestLog(), brokers = testKafkaBrokers()): Kafka =>
  createKafka({ clientId: `events-test-${randomUUID().slice(0, 8)}`, brokers, log });

/** A note event: the fixture's stand-in for a real use case's announcement. */
export const noteEvent = (noteId: string, body: string) =>
  createEvent(EventUpdated, {
    key: noteId,
    correlationId: randomUUID(),
    data: {
      eventId: noteId,
      name: body,
      startsAt: new Date().toISOString(),
      timeZone: "Europe/Amsterdam",
      status: "draft",
      holdTtlSeconds: 900,
    },
  });

/** The "use case": writes a note and its event in one transaction. */
export const writeNote = async (db: FixtureDb, body: string, opts: { fail?: boolean } = {}) => {
  const id = randomUUID();
  const event = noteEvent(id, body);
  await db.$transaction(async (tx) => {
    await tx.note.create({ data: { id, body } });
    await enqueue(tx, event);
    if (opts.fail) throw new Error("use case failed after writing");
  });
  return { id, event };
};

/**
 * Applies note events into the consumer schema. A second application of the same event would
 * raise applied_count to 2, which is what the exactly-once assertions look for.
 */
export const startNoteConsumer = async (
  kafka: Kafka,
  db: FixtureDb,
  log: ReturnType<typeof createTestLog>,
  {
    fromBeginning = false,
    beforeApply,
    consumerDb = db,
  }: {
    fromBeginning?: boolean;
    /** Runs in the handler before the note is written; a test throws from it to fail an event. */
    beforeApply?: (event: ReturnType<typeof noteEvent>) => void;
    /** Where the consumer runs its transactions (a test may wrap `db` to count them). */
    consumerDb?: SqlDb;
  } = {},
): Promise<RunningConsumer> => {
  const consumer = await startConsumer({
    kafka,
    db: consumerDb,
    groupId: `events-test-${randomUUID()}`,
    topics: [Topics.catalogEvents],
    // On the shared broker a fresh group starts at the end, skipping other tests' history.
    fromBeginning,
    log,
    handlers: {
      "catalog.event-updated": async (event, { tx }) => {
        beforeApply?.(event);
        await tx.$executeRawUnsafe(
          `INSERT INTO applied_note (id, body) VALUES ($1::uuid, $2)
           ON CONFLICT (id) DO UPDATE SET applied_count = applied_note.applied_count + 1`,
          event.data.eventId,
          event.data.name,
        );
      },
      "catalog.event-published": ignore,
      "catalog.seats-generated": ignore,
    },
  });
  // A fresh group starts at the end of the topic; prove it is positioned before the test begins.
  const probe = noteEvent(randomUUID(), "probe");
  const producer = kafka.producer();
  await producer.connect();
  await waitFor(
    "the consumer to receive a probe event",
    async () => {
      await producer.send({
        topic: Topics.catalogEvents,
        messages: [{ key: probe.key, value: JSON.stringify(probe) }],
      });
      return (await appliedCount(db, probe.data.eventId)) > 0;
    },
    { timeoutMs: 60_000, intervalMs: 1_000 },
  );
  await producer.disconnect();
  return consumer;
};

export const appliedCount = async (db: FixtureDb, noteId: string): Promise<number> => {
  const row = await db.appliedNote.findUnique({ where: { id: noteId } });
  return row?.appliedCount ?? 0;
};

export { causedBy };
