import { randomUUID } from "node:crypto";
import type { Redis } from "@marquee/service/redis";

/**
 * Takes every seat's lock or none, in one round trip: returns 0 when all keys were set (NX, PX),
 * otherwise the 1-based index of the first key someone else holds, having set nothing. Redis runs
 * a script atomically, so two overlapping requests can never each get part of the other's seats.
 */
const ACQUIRE_ALL = `for i, key in ipairs(KEYS) do
  if redis.call("exists", key) == 1 then return i end
end
for _, key in ipairs(KEYS) do
  redis.call("set", key, ARGV[1], "PX", ARGV[2])
end
return 0`;

/** Deletes each key only if it still carries our token, so a lock that expired and was re-taken by
 * someone else is never released by the previous owner. */
const COMPARE_AND_DELETE_ALL = `local released = 0
for _, key in ipairs(KEYS) do
  if redis.call("get", key) == ARGV[1] then released = released + redis.call("del", key) end
end
return released`;

export type SeatLockOutcome =
  { acquired: true; release: () => Promise<void> } | { acquired: false; seatId: string };

export type SeatLocks = {
  /**
   * Takes one lock per seat, all or none, in one round trip, and fails fast naming the first seat
   * (in the given sorted order) someone else has locked. Never waits, so it cannot deadlock.
   */
  acquire(seatIds: readonly string[]): Promise<SeatLockOutcome>;
};

export const seatLockKey = (seatId: string): string => `inventory:seat-lock:${seatId}`;

export const createSeatLocks = (redis: Redis, opts: { ttlMs: number }): SeatLocks => ({
  async acquire(seatIds) {
    const token = randomUUID();
    const keys = seatIds.map(seatLockKey);
    const blocked = Number(await redis.eval(ACQUIRE_ALL, keys.length, ...keys, token, opts.ttlMs));
    if (blocked > 0) return { acquired: false, seatId: seatIds[blocked - 1]! };
    return {
      acquired: true,
      release: async () => {
        await redis.eval(COMPARE_AND_DELETE_ALL, keys.length, ...keys, token);
      },
    };
  },
});
