import { randomUUID } from "node:crypto";
import { ReservationCreated } from "@marquee/events/contracts/inventory";
import { createEvent } from "@marquee/events/create-event";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHoldBatcher, type HoldRequest } from "../src/adapters/db/hold-seats";
import { startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({});
});

afterAll(async () => {
  await h?.stop();
});

/** A hold request as `holdInDatabase` builds it, straight to the batcher (no Redis in front). */
const request = (
  eventId: string,
  seatIds: string[],
  who: { customerId?: string; email?: string } = {},
): HoldRequest => {
  const reservationId = randomUUID();
  const customerId = who.customerId ?? randomUUID();
  const now = new Date();
  return {
    reservationId,
    eventId,
    customerId,
    customerEmail: who.email ?? `${customerId}@example.com`,
    seatIds,
    currency: "EUR",
    now,
    event: createEvent(ReservationCreated, {
      key: eventId,
      correlationId: randomUUID(),
      data: {
        reservationId,
        eventId,
        customerId,
        currency: "EUR",
        expiresAt: now.toISOString(),
        seats: seatIds.map((seatId, i) => ({
          seatId,
          section: "A",
          row: "1",
          number: i + 1,
          priceCents: 4_500,
        })),
      },
    }),
  };
};

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
      request(eventId, [c]), // goes alone
      request(eventId, [a]),
      request(eventId, [a, b]), // same batch as the one above, which takes a first
      request(eventId, [b]),
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
      seats.map((seat) => holds.hold(request(eventId, [seat.seatId], { email }))),
    );

    expect(outcomes.filter((o) => o.kind === "held")).toHaveLength(3);
    expect(outcomes.filter((o) => o.kind === "over-customer-cap")).toHaveLength(3);
  });

  it("retries each hold alone when a batch fails, so one bad request fails only itself", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 3 });
    const holds = oneAtATime();

    const first = holds.hold(request(eventId, [seats[0]!.seatId]));
    // Valid as far as TypeScript and the event contract go; the database refuses the seat id.
    const bad = holds.hold({ ...request(eventId, [seats[2]!.seatId]), seatIds: ["not-a-uuid"] });
    const good = holds.hold(request(eventId, [seats[1]!.seatId]));

    await expect(first).resolves.toMatchObject({ kind: "held" });
    await expect(bad).rejects.toThrow(/uuid/i);
    await expect(good).resolves.toMatchObject({ kind: "held" });
  });

  it("refuses a seat that does not exist without writing anything", async () => {
    const { eventId } = await h.stockEvent({ seats: 1 });
    const holds = oneAtATime();
    const ghost = randomUUID();
    const ask = request(eventId, [ghost]);

    await expect(holds.hold(ask)).resolves.toEqual({ kind: "seat-taken", seatId: ghost });
    const [{ count }] = (await outboxRowsOf([ask.reservationId])) as [{ count: number }];
    expect(count).toBe(0);
  });
});
