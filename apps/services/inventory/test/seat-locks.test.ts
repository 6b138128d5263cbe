import { randomUUID } from "node:crypto";
import { closeRedis, createRedis, type Redis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeatLocks, seatLockKey } from "../src/adapters/redis/seat-locks";

let redis: Redis;

beforeAll(() => {
  redis = createRedis(testEnv.redisUrl, { warn: () => undefined, info: () => undefined });
});

afterAll(async () => {
  await closeRedis(redis);
});

const seatIds = (n: number) => Array.from({ length: n }, () => randomUUID()).sort();
const lockedKeys = async (ids: string[]) =>
  (
    await Promise.all(ids.map(async (id) => ((await redis.exists(seatLockKey(id))) ? id : null)))
  ).filter((id) => id !== null);

describe("seat locks", () => {
  it("takes every seat's lock at once and gives them all back", async () => {
    const locks = createSeatLocks(redis, { ttlMs: 5_000 });
    const ids = seatIds(4);

    const outcome = await locks.acquire(ids);

    expect(outcome.acquired).toBe(true);
    expect(await lockedKeys(ids)).toEqual(ids);
    const ttl = await redis.pttl(seatLockKey(ids[0]!));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
    if (outcome.acquired) await outcome.release();
    expect(await lockedKeys(ids)).toEqual([]);
  });

  it("takes none when one seat is locked by someone else, and names that seat", async () => {
    const locks = createSeatLocks(redis, { ttlMs: 5_000 });
    const ids = seatIds(4);
    const first = await locks.acquire([ids[2]!]);
    expect(first.acquired).toBe(true);

    expect(await locks.acquire(ids)).toEqual({ acquired: false, seatId: ids[2] });
    expect(await lockedKeys(ids)).toEqual([ids[2]]);
    if (first.acquired) await first.release();
  });

  it("lets exactly one of two overlapping multi-seat requests through when they race", async () => {
    const locks = createSeatLocks(redis, { ttlMs: 5_000 });
    const ids = seatIds(6);
    const left = ids.slice(0, 4);
    const right = ids.slice(2, 6);

    for (let round = 0; round < 20; round += 1) {
      const outcomes = await Promise.all([locks.acquire(left), locks.acquire(right)]);
      expect(outcomes.filter((o) => o.acquired)).toHaveLength(1);
      for (const o of outcomes) if (o.acquired) await o.release();
      expect(await lockedKeys(ids)).toEqual([]);
    }
  });

  it("never releases a lock that expired and was taken by someone else", async () => {
    const locks = createSeatLocks(redis, { ttlMs: 5_000 });
    const [id] = seatIds(1) as [string];
    const mine = await locks.acquire([id]);
    // The lock ran out and another request took the seat's key.
    await redis.set(seatLockKey(id), "someone-else", "PX", 5_000);

    if (mine.acquired) await mine.release();

    expect(await redis.get(seatLockKey(id))).toBe("someone-else");
    await redis.del(seatLockKey(id));
  });
});
