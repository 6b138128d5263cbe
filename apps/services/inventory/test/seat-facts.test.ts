import { randomUUID } from "node:crypto";
import { testEnv } from "@marquee/testkit/test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHoldPool, type Pool } from "../src/adapters/db/client";
import { createSeatFactsCache } from "../src/adapters/db/seat-facts";

let pool: Pool;

beforeAll(() => {
  pool = createHoldPool(testEnv.databaseUrl, { poolMax: 2 });
});

afterAll(async () => {
  await pool?.end();
});

/** The real pool, counting the queries the cache sends through it. */
const counted = () => {
  const queries: unknown[] = [];
  const counting = new Proxy(pool, {
    get(target, property, receiver) {
      if (property === "query") {
        return (...args: Parameters<Pool["query"]>) => {
          queries.push(args[0]);
          return (target.query as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { pool: counting, queries };
};

const stock = async (eventId: string, count: number) => {
  const ids = Array.from({ length: count }, () => randomUUID());
  await pool.query(
    `INSERT INTO seat (id, event_id, section, row, number, price_cents, currency)
     SELECT id, $1::uuid, 'B', '7', n::int, 3000 + n::int, 'EUR'
       FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [eventId, ids],
  );
  return ids;
};

describe("seat facts", () => {
  it("loads an event's seats with its first miss and answers from memory afterwards", async () => {
    const eventId = randomUUID();
    const [a, b, c] = (await stock(eventId, 3)) as [string, string, string];
    const { pool: counting, queries } = counted();
    const facts = createSeatFactsCache(counting);

    const first = await facts.lookup(eventId, [a, b]);
    expect(first.get(a)).toEqual({
      id: a,
      eventId,
      section: "B",
      row: "7",
      number: 1,
      priceCents: 3_001,
      currency: "EUR",
    });
    expect(queries).toHaveLength(1);

    expect((await facts.lookup(eventId, [b, a])).size).toBe(2);
    expect((await facts.lookup(eventId, [c])).get(c)?.number).toBe(3);
    expect(queries).toHaveLength(1);
  });

  it("shares one load of an event between concurrent first misses", async () => {
    const eventId = randomUUID();
    const ids = await stock(eventId, 20);
    const { pool: counting, queries } = counted();
    const facts = createSeatFactsCache(counting);

    const answers = await Promise.all(ids.map((id) => facts.lookup(eventId, [id])));

    expect(answers.every((answer) => answer.size === 1)).toBe(true);
    expect(queries).toHaveLength(1);
  });

  it("does not remember an unknown seat, so it is found once stocked", async () => {
    const eventId = randomUUID();
    const facts = createSeatFactsCache(pool);
    const later = randomUUID();

    expect((await facts.lookup(eventId, [later])).size).toBe(0);
    await pool.query(
      `INSERT INTO seat (id, event_id, section, row, number, price_cents, currency)
       VALUES ($1::uuid, $2::uuid, 'C', '1', 1, 500, 'EUR')`,
      [later, eventId],
    );
    expect((await facts.lookup(eventId, [later])).get(later)?.eventId).toBe(eventId);
  });

  it("finds a seat of another event than the one named, for the caller to refuse", async () => {
    const elsewhere = randomUUID();
    const [seat] = (await stock(elsewhere, 1)) as [string];
    const facts = createSeatFactsCache(pool);

    expect((await facts.lookup(randomUUID(), [seat])).get(seat)?.eventId).toBe(elsewhere);
  });

  it("forgets the oldest seats beyond its bound", async () => {
    const events = [randomUUID(), randomUUID(), randomUUID()];
    const [[a], [b], [c]] = (await Promise.all(events.map((e) => stock(e, 1)))) as [
      [string],
      [string],
      [string],
    ];
    const { pool: counting, queries } = counted();
    const facts = createSeatFactsCache(counting, { maxEntries: 2 });

    await facts.lookup(events[0]!, [a]);
    await facts.lookup(events[1]!, [b]);
    await facts.lookup(events[2]!, [c]);
    await facts.lookup(events[1]!, [b]);
    await facts.lookup(events[2]!, [c]);
    expect(queries).toHaveLength(3);
    // a was forgotten; its event was loaded already, so it is asked for by id.
    expect((await facts.lookup(events[0]!, [a])).get(a)?.id).toBe(a);
    expect(queries).toHaveLength(4);
  });
});
