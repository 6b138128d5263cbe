import { randomUUID } from "node:crypto";
import {
  parseSeatMapChange,
  seatMapChannel,
  seatMapRevisionKey,
  type SeatMapChange,
} from "@marquee/events/contracts/seat-map-channel";
import { createLogger } from "@marquee/service/logger";
import { createRedis, type Redis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSeatMapPublisher,
  createSeatMapRevisionReader,
} from "../src/adapters/redis/seat-map-channel";

const log = createLogger({ name: "test", level: "silent" });
let publisher: Redis;
let subscriber: Redis;

beforeAll(() => {
  publisher = createRedis(testEnv.redisUrl, log);
  subscriber = createRedis(testEnv.redisUrl, log);
});

afterAll(async () => {
  await Promise.all([publisher.quit(), subscriber.quit()]);
});

describe("seat map publisher", () => {
  it("publishes a change under the channel's contract and refuses one that breaks it", async () => {
    const eventId = randomUUID();
    const received: string[] = [];
    await subscriber.subscribe(seatMapChannel(eventId));
    subscriber.on("message", (channel: string, message: string) => {
      if (channel === seatMapChannel(eventId)) received.push(message);
    });
    const publish = createSeatMapPublisher(publisher);
    const change: SeatMapChange = {
      eventId,
      state: "held",
      seatIds: [randomUUID()],
      seats: [[0, 4]],
    };

    await expect(publish({ ...change, seats: [[0, 4.5]] })).rejects.toThrow(/seats/);
    await expect(publish({ ...change, seatIds: [] })).rejects.toThrow(/one position per seat id/);
    await publish(change);

    await waitFor("the change on the channel", () => received.length >= 1);
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!)).toMatchObject({ version: 1 });
    // The script adds the revision it raised, for readers to place the change against a map.
    const revision = await createSeatMapRevisionReader(publisher)(eventId);
    expect(parseSeatMapChange(received[0]!)).toEqual({ ok: true, change: { ...change, revision } });
  });

  it("raises the event's revision with each change, from Redis's clock when the event has none", async () => {
    const eventId = randomUUID();
    const publish = createSeatMapPublisher(publisher);
    const read = createSeatMapRevisionReader(publisher);
    const change: SeatMapChange = {
      eventId,
      state: "sold",
      seatIds: [randomUUID()],
      seats: [[1, 2]],
    };
    const [seconds, micros] = await publisher.time();
    const clock = Number(seconds) * 1e6 + Number(micros);

    const first = await read(eventId);
    expect(first).not.toBeNull();
    // Seeded from the clock: above anything handed out before a Redis that lost its keys.
    expect(first!).toBeGreaterThanOrEqual(clock);
    expect(first!).toBeLessThan(clock + 60e6);
    expect(await read(eventId)).toBe(first);

    await publish(change);
    await publish(change);
    expect(await read(eventId)).toBe(first! + 2);

    // Lost (a Redis restarted without its data): the next revision is still above the last.
    await publisher.del(seatMapRevisionKey(eventId));
    await publish(change);
    expect(await read(eventId)).toBeGreaterThan(first! + 2);
  });

  it("reads a null revision, in time, when Redis does not answer", async () => {
    const away = createRedis("redis://127.0.0.1:1", log);
    away.on("error", () => undefined);
    try {
      const started = performance.now();
      expect(await createSeatMapRevisionReader(away, 200)(randomUUID())).toBeNull();
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      away.disconnect();
    }
  });
});
