import { describe, expect, it } from "vitest";
import { openLiveSeatMap, type LiveSeatMapDeps } from "./live-seat-map-stream";
import { createLiveStreamSlots } from "./live-stream-slots";

const EVENT = "6f1c1c7e-8f4e-4d6f-9a43-1f4f6f0a2b11";
const UNKNOWN = "0b7d5a51-3f2e-4b8e-8c3a-2a9c4d1e5f60";
const CLIENT = "198.51.100.7";

/** A feed like the web's Redis one: listeners per event, and how many are subscribed. */
const fakeFeed = () => {
  const listeners = new Map<string, Set<(message: string) => void>>();
  return {
    publish: (eventId: string, message: string) => {
      for (const listener of listeners.get(eventId) ?? []) listener(message);
    },
    subscribers: (eventId: string) => listeners.get(eventId)?.size ?? 0,
    subscribe: (eventId: string, listener: (message: string) => void) => {
      const set = listeners.get(eventId) ?? new Set();
      listeners.set(eventId, set);
      set.add(listener);
      return Promise.resolve(() => set.delete(listener));
    },
  };
};

const setUp = (overrides: Partial<LiveSeatMapDeps> = {}, perClient = 20) => {
  const feed = fakeFeed();
  const slots = createLiveStreamSlots({ perClient });
  const deps: LiveSeatMapDeps = {
    slots,
    eventExists: (eventId) => Promise.resolve(eventId === EVENT),
    subscribe: feed.subscribe,
    revision: () => Promise.resolve(41),
    ...overrides,
  };
  const open = async (eventId = EVENT, address = CLIENT) => {
    const abort = new AbortController();
    const req = new Request(`http://web.test/api/events/${eventId}/live`, {
      headers: { "x-forwarded-for": address },
      signal: abort.signal,
    });
    const res = await openLiveSeatMap(deps, req, eventId);
    return { res, abort };
  };
  return { deps, feed, slots, open };
};

const decoder = new TextDecoder();
const readUntil = async (reader: ReadableStreamDefaultReader<Uint8Array>, text: string) => {
  let seen = "";
  while (!seen.includes(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before "${text}"; got ${seen}`);
    seen += decoder.decode(value);
  }
  return seen;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the live seat-map stream", () => {
  it("sends ready once subscribed, then the event's seat changes", async () => {
    const { feed, open } = setUp();
    const { res, abort } = await open();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    expect(await readUntil(reader, "event: ready")).toContain(
      'event: ready\ndata: {"revision":41}\n\n',
    );
    feed.publish(EVENT, '{"state":"held","seats":[[0,1]]}');
    expect(await readUntil(reader, "event: seats")).toContain('data: {"state":"held"');
    abort.abort();
  });

  it("reads the revision only once subscribed, and says null when it is unknown", async () => {
    const steps: string[] = [];
    const feed = fakeFeed();
    const { open } = setUp({
      subscribe: async (eventId, listener) => {
        steps.push("subscribed");
        return feed.subscribe(eventId, listener);
      },
      revision: () => {
        steps.push("revision read");
        return Promise.resolve(null);
      },
    });
    const { res, abort } = await open();
    const reader = res.body!.getReader();
    expect(await readUntil(reader, "event: ready")).toContain(
      'event: ready\ndata: {"revision":null}\n\n',
    );
    expect(steps).toEqual(["subscribed", "revision read"]);
    abort.abort();
  });

  it("answers 400 for an id that is not a UUID, without asking catalog or taking a slot", async () => {
    let asked = 0;
    const { slots, open } = setUp({
      eventExists: () => {
        asked += 1;
        return Promise.resolve(true);
      },
    });
    const { res } = await open("not-an-id");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "eventId: not an event id (a UUID)" });
    expect(asked).toBe(0);
    expect(slots.openFor(CLIENT)).toBe(0);
  });

  it("answers 404 naming the id for an event catalog does not know, and gives the slot back", async () => {
    const { slots, feed, open } = setUp();
    const { res } = await open(UNKNOWN);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: `eventId: no event ${UNKNOWN}` });
    expect(slots.openFor(CLIENT)).toBe(0);
    expect(feed.subscribers(UNKNOWN)).toBe(0);
  });

  it("answers 503 with Retry-After when catalog does not answer, and gives the slot back", async () => {
    const { slots, open } = setUp({ eventExists: () => Promise.reject(new Error("ECONNREFUSED")) });
    const { res } = await open();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(/catalog did not answer/);
    expect(body.error).not.toMatch(/ECONNREFUSED/);
    expect(slots.openFor(CLIENT)).toBe(0);
  });

  it("refuses the stream beyond the cap with 429, Retry-After and the limit named", async () => {
    const { open } = setUp({}, 20);
    const streams = await Promise.all(Array.from({ length: 20 }, () => open()));
    expect(streams.map(({ res }) => res.status)).toEqual(Array(20).fill(200));
    const { res } = await open();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(((await res.json()) as { error: string }).error).toMatch(/the limit is 20 at a time/);
    // Another address is not held back by this one's streams.
    expect((await open(EVENT, "203.0.113.9")).res.status).toBe(200);
    for (const { abort } of streams) abort.abort();
  });

  it("does not leak slots: open 20, the client goes away from all of them, and 20 open again", async () => {
    const { slots, feed, open } = setUp({}, 20);
    for (let round = 0; round < 3; round++) {
      const streams = await Promise.all(Array.from({ length: 20 }, () => open()));
      expect(streams.map(({ res }) => res.status)).toEqual(Array(20).fill(200));
      await settle();
      expect(feed.subscribers(EVENT)).toBe(20);
      expect((await open()).res.status).toBe(429);
      for (const { abort } of streams) abort.abort();
      expect(slots.openFor(CLIENT)).toBe(0);
      expect(feed.subscribers(EVENT)).toBe(0);
    }
  });

  it("frees the slot when the response body is cancelled", async () => {
    const { slots, feed, open } = setUp({}, 1);
    const { res } = await open();
    const reader = res.body!.getReader();
    await readUntil(reader, "event: ready");
    expect((await open()).res.status).toBe(429);
    await reader.cancel();
    expect(slots.openFor(CLIENT)).toBe(0);
    expect(feed.subscribers(EVENT)).toBe(0);
    expect((await open()).res.status).toBe(200);
  });

  it("frees the slot and ends the stream when the subscription cannot be made", async () => {
    const { slots, open } = setUp({ subscribe: () => Promise.reject(new Error("Redis is down")) });
    const { res } = await open();
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(true);
    expect(slots.openFor(CLIENT)).toBe(0);
  });

  it("frees the slot when the client goes away while catalog is being asked", async () => {
    let answer: (exists: boolean) => void = () => {};
    const { slots, feed, deps } = setUp({
      eventExists: () => new Promise<boolean>((resolve) => (answer = resolve)),
    });
    const abort = new AbortController();
    const req = new Request(`http://web.test/api/events/${EVENT}/live`, {
      headers: { "x-forwarded-for": CLIENT },
      signal: abort.signal,
    });
    const pending = openLiveSeatMap(deps, req, EVENT);
    expect(slots.openFor(CLIENT)).toBe(1);
    abort.abort();
    answer(true);
    await pending;
    expect(slots.openFor(CLIENT)).toBe(0);
    expect(feed.subscribers(EVENT)).toBe(0);
  });

  it("unsubscribes when the client goes away while the subscription is being made", async () => {
    let subscribed: (off: () => void) => void = () => {};
    let unsubscribed = false;
    const { slots, open } = setUp({
      subscribe: () => new Promise<() => void>((resolve) => (subscribed = resolve)),
    });
    const { abort } = await open();
    abort.abort();
    expect(slots.openFor(CLIENT)).toBe(0);
    subscribed(() => (unsubscribed = true));
    await settle();
    expect(unsubscribed).toBe(true);
  });
});
