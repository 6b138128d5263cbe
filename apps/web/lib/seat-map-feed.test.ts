import { randomUUID } from "node:crypto";
import {
  encodeSeatMapChange,
  PUBLISH_SEAT_MAP_CHANGE,
  seatMapChannel,
  seatMapRevisionKey,
  type SeatMapChange,
} from "@marquee/events/contracts/seat-map-channel";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { openLiveSeatMap } from "./live-seat-map-stream";
import { createLiveStreamSlots } from "./live-stream-slots";
import { createSeatMapFeed } from "./seat-map-feed";

// The test environment's Redis (README: Environment), never the development one.
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/1";
const logged: string[] = [];
const feed = createSeatMapFeed({ redisUrl, log: (line) => logged.push(line) });
const publisher = new Redis(redisUrl);

afterAll(() => {
  feed.close();
  publisher.disconnect();
});

const decoder = new TextDecoder();

/** A browser's live stream of the event, fed by the real Redis feed. */
const openStream = async (eventId: string) => {
  const abort = new AbortController();
  const req = new Request(`http://web.test/api/events/${eventId}/live`, {
    headers: { "x-forwarded-for": "198.51.100.7" },
    signal: abort.signal,
  });
  const res = await openLiveSeatMap(
    {
      slots: createLiveStreamSlots({ perClient: 20 }),
      eventExists: () => Promise.resolve(true),
      subscribe: (id, listener) => feed.subscribe(id, listener),
      revision: (id) => feed.revision(id),
    },
    req,
    eventId,
  );
  const reader = res.body!.getReader();
  let seen = "";
  const readUntil = async (text: string) => {
    while (!seen.includes(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before "${text}"; got ${seen}`);
      seen += decoder.decode(value);
    }
    return seen;
  };
  return { readUntil, close: () => abort.abort() };
};

const change = (eventId: string, overrides: Partial<SeatMapChange> = {}): SeatMapChange => ({
  eventId,
  state: "held",
  seatIds: [randomUUID()],
  seats: [[2, 7]],
  ...overrides,
});

describe("the live seat-map feed", () => {
  it("forwards a valid change to the browser stream and drops, with a log line, what breaks the contract", async () => {
    const eventId = randomUUID();
    const stream = await openStream(eventId);
    await stream.readUntil("event: ready");
    const channel = seatMapChannel(eventId);

    // Published before the valid one on the same connection, so Redis delivers them first.
    await publisher.publish(channel, "{not json");
    await publisher.publish(channel, JSON.stringify({ ...change(eventId), state: "gone" }));
    await publisher.publish(channel, JSON.stringify({ ...change(eventId), version: 2 }));
    await publisher.publish(channel, encodeSeatMapChange(change(randomUUID())));
    const valid = change(eventId, { state: "sold" });
    await publisher.publish(channel, encodeSeatMapChange(valid));

    const seen = await stream.readUntil("event: seats");
    stream.close();
    const forwarded = [...seen.matchAll(/event: seats\ndata: (.*)\n\n/g)].map((m) => m[1]);
    expect(forwarded).toEqual([JSON.stringify(valid)]);
    expect(logged.filter((line) => line.includes(channel))).toEqual([
      `seat map feed: dropped a message on ${channel} that breaks the contract: not JSON`,
      expect.stringMatching(/that breaks the contract: state: /),
      expect.stringMatching(/that breaks the contract: version 2 is newer than the known 1$/),
      expect.stringMatching(/^seat map feed: dropped a message on .* for event /),
    ]);
  });

  it("forwards a message written before messages carried a version", async () => {
    const eventId = randomUUID();
    const stream = await openStream(eventId);
    await stream.readUntil("event: ready");
    const old = change(eventId, { state: "available" });
    await publisher.publish(seatMapChannel(eventId), JSON.stringify(old));
    expect(await stream.readUntil("event: seats")).toContain(`data: ${JSON.stringify(old)}\n\n`);
    stream.close();
  });

  it("tells the browser the revision it subscribed at: every change above it comes through", async () => {
    const eventId = randomUUID();
    const stream = await openStream(eventId);
    const ready = await stream.readUntil("event: ready");
    const subscribedAt = Number(/data: \{"revision":(\d+)\}/.exec(ready)?.[1]);
    expect(subscribedAt).toBeGreaterThan(0);

    // Published the way catalog publishes: the revision raised with the change, in one script.
    const later = change(eventId, { state: "sold" });
    const raised = await publisher.eval(
      PUBLISH_SEAT_MAP_CHANGE,
      1,
      seatMapRevisionKey(eventId),
      seatMapChannel(eventId),
      encodeSeatMapChange(later),
    );
    expect(raised).toBe(subscribedAt + 1);
    // The change carries its revision, so a page can tell whether a map it fetched holds it.
    expect(await stream.readUntil("event: seats")).toContain(
      `data: ${JSON.stringify({ ...later, revision: subscribedAt + 1 })}\n\n`,
    );
    stream.close();
  });

  it("answers a null revision, in time, when Redis does not answer", async () => {
    const away = createSeatMapFeed({ redisUrl: "redis://127.0.0.1:1", revisionTimeoutMs: 200 });
    try {
      const started = performance.now();
      expect(await away.revision(randomUUID())).toBeNull();
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      away.close();
    }
  });
});
