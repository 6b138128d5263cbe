import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHoldBatcher } from "../src/adapters/db/hold-seats";
import { holdRequest } from "./hold-request";
import { startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({});
});

afterAll(async () => {
  await h?.stop();
});

/**
 * One statement at a time: the first hold goes alone and every hold asked for while it runs waits
 * for it, then goes to the database with the others, in one batch.
 */
let statements = 0;
const oneAtATime = (cap = 10) => {
  const pool = h.inventory.deps.holdPool;
  const counting = new Proxy(pool, {
    get(target, property, receiver) {
      if (property !== "query") return Reflect.get(target, property, receiver) as unknown;
      return (...args: unknown[]) => {
        statements += 1;
        return (target.query as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return createHoldBatcher(counting, { defaultTtlSeconds: 900, cap, inFlight: 1 });
};

const outboxRowsOf = (reservationIds: string[]) =>
  h.inventory.db.$queryRawUnsafe<Array<{ count: number }>>(
    `SELECT count(*)::int AS count FROM outbox_message
      WHERE payload->'data'->>'reservationId' = ANY($1::text[])`,
    reservationIds,
  );

describe("holds in batches", () => {
  it("answers each hold of a batch on its own: the second ask for a seat finds it taken", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 3 });
    const [a, b, c] = seats.map((s) => s.seatId) as [string, string, string];
    const holds = oneAtATime();
    statements = 0;

    const asks = [
      holdRequest(eventId, [c]), // goes alone
      holdRequest(eventId, [a]),
      holdRequest(eventId, [a, b]), // same batch as the one above, which takes a first
      holdRequest(eventId, [b]),
    ];
    const outcomes = await Promise.all(asks.map((ask) => holds.hold(ask)));

    expect(statements).toBe(2);
    expect(outcomes.map((o) => o.kind)).toEqual(["held", "held", "seat-taken", "held"]);
    expect(outcomes[2]).toEqual({ kind: "seat-taken", seatId: a });
    const [{ count }] = (await outboxRowsOf(asks.map((ask) => ask.reservationId))) as [
      { count: number },
    ];
    expect(count).toBe(3);
  });

  it("counts one customer's holds earlier in the same batch against the cap", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 6 });
    const holds = oneAtATime(3);
    const email = `${randomUUID()}@example.com`;

    const outcomes = await Promise.all(
      seats.map((seat) => holds.hold(holdRequest(eventId, [seat.seatId], { email }))),
    );

    expect(outcomes.filter((o) => o.kind === "held")).toHaveLength(3);
    expect(outcomes.filter((o) => o.kind === "over-customer-cap")).toHaveLength(3);
  });

  it("retries each hold alone when a batch fails, so one bad request fails only itself", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 3 });
    const holds = oneAtATime();

    const first = holds.hold(holdRequest(eventId, [seats[0]!.seatId]));
    // Valid as far as TypeScript and the event contract go; the database refuses the seat id.
    const bad = holds.hold({
      ...holdRequest(eventId, [seats[2]!.seatId]),
      seatIds: ["not-a-uuid"],
    });
    const good = holds.hold(holdRequest(eventId, [seats[1]!.seatId]));

    await expect(first).resolves.toMatchObject({ kind: "held" });
    await expect(bad).rejects.toThrow(/uuid/i);
    await expect(good).resolves.toMatchObject({ kind: "held" });
  });

  it("refuses a seat that does not exist without writing anything", async () => {
    const { eventId } = await h.stockEvent({ seats: 1 });
    const holds = oneAtATime();
    const ghost = randomUUID();
    const ask = holdRequest(eventId, [ghost]);

    await expect(holds.hold(ask)).resolves.toEqual({ kind: "seat-taken", seatId: ghost });
    const [{ count }] = (await outboxRowsOf([ask.reservationId])) as [{ count: number }];
    expect(count).toBe(0);
  });
});
