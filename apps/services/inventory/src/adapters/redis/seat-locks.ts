import { randomUUID } from "node:crypto";
import type { Redis } from "@marquee/service/redis";

/** Deletes the key only if it still carries our token, so a lock that expired and was re-taken by
 * someone else is never released by the previous owner. */
const COMPARE_AND_DELETE = `if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("del", KEYS[1])
else
  return 0
end`;

export type SeatLockOutcome =
  { acquired: true; release: () => Promise<void> } | { acquired: false; seatId: string };

export type SeatLocks = {
  /**
   * Takes one lock per seat in the given (sorted) order and fails fast on the first seat someone
   * else has locked, giving back what it took. Never waits, so it cannot deadlock.
   */
  acquire(seatIds: readonly string[]): Promise<SeatLockOutcome>;
};

export const seatLockKey = (seatId: string): string => `inventory:seat-lock:${seatId}`;

export const createSeatLocks = (redis: Redis, opts: { ttlMs: number }): SeatLocks => {
  const releaseAll = async (keys: readonly string[], token: string) => {
    if (keys.length === 0) return;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.eval(COMPARE_AND_DELETE, 1, key, token);
    await pipeline.exec();
  };

  return {
    async acquire(seatIds) {
      const token = randomUUID();
      const taken: string[] = [];
      try {
        for (const seatId of seatIds) {
          const key = seatLockKey(seatId);
          const set = await redis.set(key, token, "PX", opts.ttlMs, "NX");
          if (set !== "OK") {
            await releaseAll(taken, token);
            return { acquired: false, seatId };
          }
          taken.push(key);
        }
      } catch (error) {
        // Best effort: whatever we took expires on its own if this fails too.
        await releaseAll(taken, token).catch(() => undefined);
        throw error;
      }
      return { acquired: true, release: () => releaseAll(taken, token) };
    },
  };
};
