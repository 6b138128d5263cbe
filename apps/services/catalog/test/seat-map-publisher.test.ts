import { randomUUID } from "node:crypto";
import {
  parseSeatMapChange,
  seatMapChannel,
  type SeatMapChange,
} from "@marquee/events/contracts/seat-map-channel";
import { createLogger } from "@marquee/service/logger";
import { createRedis, type Redis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeatMapPublisher } from "../src/adapters/redis/seat-map-channel";

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
    expect(parseSeatMapChange(received[0]!)).toEqual({ ok: true, change });
  });
});
