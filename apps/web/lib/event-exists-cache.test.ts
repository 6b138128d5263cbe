import { describe, expect, it } from "vitest";
import { createEventExistsCache } from "./event-exists-cache";

const EVENT = "6f1c1c7e-8f4e-4d6f-9a43-1f4f6f0a2b11";
const OTHER = "0b7d5a51-3f2e-4b8e-8c3a-2a9c4d1e5f60";

const counting = (answer: (eventId: string) => boolean | Promise<boolean>) => {
  const calls: string[] = [];
  return {
    calls,
    lookup: async (eventId: string) => {
      calls.push(eventId);
      return answer(eventId);
    },
  };
};

describe("the event-exists cache", () => {
  it("asks catalog once for a rush of viewers arriving together", async () => {
    let answer: (value: boolean) => void = () => {};
    const catalog = counting(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const cache = createEventExistsCache({ lookup: catalog.lookup });
    const viewers = Array.from({ length: 200 }, () => cache.exists(EVENT));
    answer(true);
    expect(await Promise.all(viewers)).toEqual(Array(200).fill(true));
    expect(catalog.calls).toEqual([EVENT]);
  });

  it("keeps an answer that the event exists for 30 s, then asks again", async () => {
    let clock = 0;
    const catalog = counting(() => true);
    const cache = createEventExistsCache({ lookup: catalog.lookup, now: () => clock });
    expect(await cache.exists(EVENT)).toBe(true);
    clock = 29_999;
    expect(await cache.exists(EVENT)).toBe(true);
    expect(catalog.calls).toHaveLength(1);
    clock = 30_000;
    expect(await cache.exists(EVENT)).toBe(true);
    expect(catalog.calls).toHaveLength(2);
  });

  it("keeps a 'no such event' for 5 s only, so a freshly published event goes live quickly", async () => {
    let clock = 0;
    let published = false;
    const catalog = counting(() => published);
    const cache = createEventExistsCache({ lookup: catalog.lookup, now: () => clock });
    expect(await cache.exists(EVENT)).toBe(false);
    published = true;
    clock = 4_999;
    expect(await cache.exists(EVENT)).toBe(false);
    clock = 5_000;
    expect(await cache.exists(EVENT)).toBe(true);
  });

  it("asks for each event id on its own", async () => {
    const catalog = counting((eventId) => eventId === EVENT);
    const cache = createEventExistsCache({ lookup: catalog.lookup });
    expect(await cache.exists(EVENT)).toBe(true);
    expect(await cache.exists(OTHER)).toBe(false);
    expect(catalog.calls).toEqual([EVENT, OTHER]);
  });

  it("remembers no outage: every waiter sees the failure and the next viewer asks again", async () => {
    let down = true;
    const catalog = counting(() => {
      if (down) throw new Error("catalog did not answer");
      return true;
    });
    const cache = createEventExistsCache({ lookup: catalog.lookup });
    const waiters = [cache.exists(EVENT), cache.exists(EVENT)];
    for (const waiter of waiters) await expect(waiter).rejects.toThrow(/catalog did not answer/);
    expect(catalog.calls).toHaveLength(1);
    down = false;
    expect(await cache.exists(EVENT)).toBe(true);
    expect(catalog.calls).toHaveLength(2);
  });

  it("stays bounded when asked about endless made-up ids, dropping the oldest answers", async () => {
    const catalog = counting(() => false);
    const cache = createEventExistsCache({ lookup: catalog.lookup, maxEntries: 100 });
    for (let i = 0; i < 1_000; i++) {
      await cache.exists(`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    }
    expect(cache.size()).toBe(100);
    await cache.exists("00000000-0000-4000-8000-000000000999");
    expect(catalog.calls).toHaveLength(1_000);
    await cache.exists("00000000-0000-4000-8000-000000000000");
    expect(catalog.calls).toHaveLength(1_001);
  });
});
