import { randomUUID } from "node:crypto";
import {
  ReservationConfirmationFailed,
  ReservationConfirmed,
  ReservationCreated,
  ReservationExpired,
  ReservationReleased,
} from "@marquee/events/contracts/inventory";
import { createEvent } from "@marquee/events/create-event";
import {
  parseSeatMapChange,
  seatMapChannel,
  type SeatMapChange,
} from "@marquee/events/contracts/seat-map-channel";
import type { MarqueeEvent } from "@marquee/events/registry";
import { Topics } from "@marquee/events/topics";
import { createLogger } from "@marquee/service/logger";
import { createRedis, type Redis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeatMapAnswer as SeatMap } from "../src/app/get-seat-map";
import { callTrpc, startHarness, type Harness } from "./harness";

let h: Harness;
let subscriber: Redis;
let eventId: string;
let seatIds: string[];
const pushes: SeatMapChange[] = [];
/** Messages on the channel that break its contract (there must be none). */
const unreadable: string[] = [];
const customerId = randomUUID();

const seatMap = async (): Promise<SeatMap> => {
  const result = await callTrpc<SeatMap>(h.baseUrl, "seatMap", { eventId });
  if (!result.ok) throw new Error(result.message);
  return result.data;
};
/** Availability characters of section 0 at the given seat indexes. */
const statesOf = async (indexes: number[]) => {
  const map = await seatMap();
  return indexes.map((i) => map.sections[0]?.availability[i]);
};

const created = (reservationId: string, indexes: number[]) =>
  createEvent(ReservationCreated, {
    key: eventId,
    correlationId: randomUUID(),
    data: {
      reservationId,
      eventId,
      customerId,
      currency: "EUR",
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
      seats: indexes.map((i) => ({
        seatId: seatIds[i]!,
        section: "Front",
        row: "A",
        number: i + 1,
        priceCents: 6_000,
      })),
    },
  });
const ref = (reservationId: string, indexes: number[]) => ({
  reservationId,
  eventId,
  customerId,
  seatIds: indexes.map((i) => seatIds[i]!),
});

const send = (event: MarqueeEvent) => h.publish(event, Topics.inventoryReservations);

/**
 * Publishes, then waits for the seat map to show `expected`; returns the time taken, which the test
 * prints (a correctness test with a generous wait: on a loaded 2-core machine a 1 s window flakes).
 */
const sendAndConverge = async (event: MarqueeEvent, indexes: number[], expected: string) => {
  const started = performance.now();
  await send(event);
  await waitFor(
    `seats ${indexes.join(",")} to read ${expected}`,
    async () => (await statesOf(indexes)).join("") === expected.repeat(indexes.length),
    { timeoutMs: 10_000, intervalMs: 20 },
  );
  return performance.now() - started;
};

beforeAll(async () => {
  h = await startHarness();
  const event = await h.createEvent();
  eventId = event.id;
  const ids = await callTrpc<{ seatIds: string[] }>(h.baseUrl, "seatIds", { eventId, section: 0 });
  if (!ids.ok) throw new Error(ids.message);
  seatIds = ids.data.seatIds;

  subscriber = createRedis(testEnv.redisUrl, createLogger({ name: "test", level: "silent" }));
  await subscriber.subscribe(seatMapChannel(eventId));
  subscriber.on("message", (_channel: string, message: string) => {
    const parsed = parseSeatMapChange(message);
    if (parsed.ok) pushes.push(parsed.change);
    else unreadable.push(`${parsed.error}: ${message}`);
  });

  // The consumer group may take a few seconds to join; measure only once it is applying events.
  await send(created(randomUUID(), [9]));
  await waitFor("the projection to start", async () => (await statesOf([9]))[0] === "h", {
    timeoutMs: 60_000,
    intervalMs: 100,
  });
});
afterAll(async () => {
  await subscriber.quit();
  await h.stop();
});

describe("seat map projection", () => {
  it("follows holds, releases, sales and expiries and pushes each change", async () => {
    const r1 = randomUUID();
    const r2 = randomUUID();
    const r3 = randomUUID();
    const timings = [
      await sendAndConverge(created(r1, [0, 1]), [0, 1], "h"),
      await sendAndConverge(
        createEvent(ReservationReleased, {
          key: eventId,
          correlationId: randomUUID(),
          data: { ...ref(r1, [0, 1]), reason: "customer" },
        }),
        [0, 1],
        "a",
      ),
      await sendAndConverge(created(r2, [2]), [2], "h"),
      await sendAndConverge(
        createEvent(ReservationConfirmed, {
          key: eventId,
          correlationId: randomUUID(),
          data: { ...ref(r2, [2]), orderId: randomUUID() },
        }),
        [2],
        "s",
      ),
      await sendAndConverge(created(r3, [3]), [3], "h"),
      await sendAndConverge(
        createEvent(ReservationExpired, {
          key: eventId,
          correlationId: randomUUID(),
          data: ref(r3, [3]),
        }),
        [3],
        "a",
      ),
    ];
    console.log(`seat map convergence: ${timings.map((t) => t.toFixed(0)).join(", ")} ms`);

    await waitFor(
      "six pushes",
      () => pushes.filter((p) => p.seatIds[0] !== seatIds[9]).length >= 6,
    );
    const ours = pushes.filter((p) => p.seatIds[0] !== seatIds[9]);
    expect(unreadable).toEqual([]);
    expect(ours.map((p) => [p.state, p.seatIds.length])).toEqual([
      ["held", 2],
      ["available", 2],
      ["held", 1],
      ["sold", 1],
      ["held", 1],
      ["available", 1],
    ]);
    expect(ours[0]).toMatchObject({
      eventId,
      seats: [
        [0, 0],
        [0, 1],
      ],
    });
    expect(new Set(ours[0]?.seatIds)).toEqual(new Set([seatIds[0], seatIds[1]]));

    const map = await seatMap();
    expect(map.sections[0]?.counts).toEqual({ available: 8, held: 1, sold: 1 });
  });

  it("answers the seat map with its live revision: one more for each change pushed", async () => {
    const before = await seatMap();
    expect(before.revision).toEqual(expect.any(Number));
    const pushesBefore = pushes.length;
    await sendAndConverge(created(randomUUID(), [8]), [8], "h");
    // The revision is raised with the push, just after the commit the map already shows.
    await waitFor("the push", () => pushes.length > pushesBefore);
    const after = await seatMap();
    expect(after.revision).toBe(before.revision! + 1);
    expect(after.sections[0]?.availability[8]).toBe("h");
  });

  it("changes nothing on redelivery, on a late release of sold seats, or on a failed confirmation", async () => {
    const r = randomUUID();
    const hold = created(r, [4]);
    await sendAndConverge(hold, [4], "h");
    await sendAndConverge(
      createEvent(ReservationConfirmed, {
        key: eventId,
        correlationId: randomUUID(),
        data: { ...ref(r, [4]), orderId: randomUUID() },
      }),
      [4],
      "s",
    );
    const before = await seatMap();
    const pushesBefore = pushes.length;

    await send(hold); // the same envelope again: already applied
    await send(
      createEvent(ReservationExpired, {
        key: eventId,
        correlationId: randomUUID(),
        data: ref(r, [4]),
      }),
    );
    await send(
      createEvent(ReservationConfirmationFailed, {
        key: eventId,
        correlationId: randomUUID(),
        data: {
          ...ref(r, [5]),
          orderId: randomUUID(),
          unavailableSeatIds: [seatIds[5]!],
          reason: "gone",
        },
      }),
    );
    // Same key, same partition: once this marker shows, everything above has been handled.
    await sendAndConverge(created(randomUUID(), [6]), [6], "h");

    const after = await seatMap();
    const section = (m: SeatMap) => m.sections[0]?.availability ?? "";
    expect(section(after).slice(0, 6)).toBe(section(before).slice(0, 6));
    expect(section(after)[4]).toBe("s");
    expect(section(after)[5]).toBe("a");
    await waitFor("the marker's push", () => pushes.length > pushesBefore);
    expect(pushes.slice(pushesBefore).map((p) => p.seatIds)).toEqual([[seatIds[6]]]);
  });
});
