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
  it("asks the database once per seat and answers from memory afterwards", async () => {
    const eventId = randomUUID();
    const [a, b] = (await stock(eventId, 2)) as [string, string];
    const { pool: counting, queries } = counted();
    const facts = createSeatFactsCache(counting);

    const first = await facts.lookup([a, b]);
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

    expect((await facts.lookup([b, a])).size).toBe(2);
    expect(queries).toHaveLength(1);
  });

  it("does not remember an unknown seat, so it is found once stocked", async () => {
    const eventId = randomUUID();
    const facts = createSeatFactsCache(pool);
    const later = randomUUID();

    expect((await facts.lookup([later])).size).toBe(0);
    await pool.query(
      `INSERT INTO seat (id, event_id, section, row, number, price_cents, currency)
       VALUES ($1::uuid, $2::uuid, 'C', '1', 1, 500, 'EUR')`,
      [later, eventId],
    );
    expect((await facts.lookup([later])).get(later)?.eventId).toBe(eventId);
  });

  it("forgets the oldest seats beyond its bound", async () => {
    const [a, b, c] = (await stock(randomUUID(), 3)) as [string, string, string];
    const { pool: counting, queries } = counted();
    const facts = createSeatFactsCache(counting, { maxEntries: 2 });

    await facts.lookup([a]);
    await facts.lookup([b]);
    await facts.lookup([c]);
    await facts.lookup([b, c]);
    expect(queries).toHaveLength(3);
    await facts.lookup([a]);
    expect(queries).toHaveLength(4);
  });
});
