import { describe, expect, it } from "vitest";
import { createLiveStreamSlots } from "./live-stream-slots";

const acquireAll = (slots: ReturnType<typeof createLiveStreamSlots>, address: string, n: number) =>
  Array.from({ length: n }, () => {
    const slot = slots.acquire(address);
    if (!slot.ok) throw new Error(`slot ${n} refused`);
    return slot.release;
  });

describe("live stream slots", () => {
  it("gives a client up to its limit and refuses the next, naming the limit", () => {
    const slots = createLiveStreamSlots({ perClient: 20 });
    acquireAll(slots, "198.51.100.7", 20);
    expect(slots.acquire("198.51.100.7")).toEqual({ ok: false, limit: 20 });
    expect(slots.openFor("198.51.100.7")).toBe(20);
  });

  it("counts each address on its own", () => {
    const slots = createLiveStreamSlots({ perClient: 2 });
    acquireAll(slots, "198.51.100.7", 2);
    expect(slots.acquire("198.51.100.7").ok).toBe(false);
    expect(slots.acquire("203.0.113.9").ok).toBe(true);
  });

  it("frees a slot when a stream closes, so a new one opens", () => {
    const slots = createLiveStreamSlots({ perClient: 3 });
    const [first] = acquireAll(slots, "198.51.100.7", 3);
    expect(slots.acquire("198.51.100.7").ok).toBe(false);
    first?.();
    expect(slots.acquire("198.51.100.7").ok).toBe(true);
  });

  it("does not leak: open the limit, close them all, and the limit opens again, many times over", () => {
    const slots = createLiveStreamSlots({ perClient: 20 });
    for (let round = 0; round < 50; round++) {
      const releases = acquireAll(slots, "198.51.100.7", 20);
      expect(slots.acquire("198.51.100.7").ok).toBe(false);
      for (const release of releases) release();
      expect(slots.openFor("198.51.100.7")).toBe(0);
    }
    expect(slots.clients()).toBe(0);
  });

  it("frees a slot once however many times its stream reports closing", () => {
    const slots = createLiveStreamSlots({ perClient: 2 });
    const [first] = acquireAll(slots, "198.51.100.7", 2);
    first?.();
    first?.();
    first?.();
    expect(slots.openFor("198.51.100.7")).toBe(1);
    expect(slots.acquire("198.51.100.7").ok).toBe(true);
    expect(slots.acquire("198.51.100.7").ok).toBe(false);
  });

  it("forgets an address once its streams have all closed", () => {
    const slots = createLiveStreamSlots({ perClient: 5 });
    for (let i = 0; i < 1_000; i++) acquireAll(slots, `10.0.${i >> 8}.${i & 255}`, 1)[0]?.();
    expect(slots.clients()).toBe(0);
  });
});
