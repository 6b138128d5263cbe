import { createHash } from "node:crypto";
import type { Redis } from "@marquee/service/redis";

// A waiting room lives in Redis only, in four keys per event (one hash tag, so they stay on one
// slot of a cluster):
//   queue   sorted set visitor → score: a random number in [0, 1) for those who joined before the
//           opening, 1 + an arrival number for later ones, so every pre-queue arrival ranks ahead
//           of every later one, in an order nobody can game by arriving earlier.
//   seq     the arrival counter behind those numbers.
//   admits  sorted set visitor → when they were admitted (ms): written once (ZADD NX).
//   state   hash: k (how many places are admitted, fractional), last (ms of the last advance),
//           paused ("1"/"0").
// Every call advances k first, inside the same script, by admitPerMinute per elapsed minute since
// the last advance (never before the opening, never while paused, never past the queue's length),
// and records the admission time of each place it passes. So any process, or the ticker of any
// process, moves the room, and none is special: the script is the only writer and runs atomically.
// One advance covers at most a minute (MAX_ADVANCE_MS): the tickers step every room every second
// or so, so a longer gap means the room was not stepped (every process down, or an opening moved
// to a time already past), and admitting everything owed for it at once would let in the crowd
// the room is there to meter. The room then carries on at its rate from there.

const STEP = `
local now = tonumber(ARGV[1])
local openAt = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local op = ARGV[4]
local visitor = ARGV[5]
local state = redis.call("HMGET", KEYS[4], "k", "last", "paused")
local k = tonumber(state[1]) or 0
local last = tonumber(state[2])
local paused = state[3] == "1"
local MAX_ADVANCE_MS = 60000
local started = (openAt == nil) or (now >= openAt)
if started then
  local from = last or openAt or now
  if openAt ~= nil and from < openAt then from = openAt end
  if (not paused) and now > from then
    local size = redis.call("ZCARD", KEYS[1])
    local before = math.floor(k)
    k = math.min(k + math.min(now - from, MAX_ADVANCE_MS) * rate / 60000, size)
    local after = math.floor(k)
    if after > before then
      for _, v in ipairs(redis.call("ZRANGE", KEYS[1], before, after - 1)) do
        redis.call("ZADD", KEYS[3], "NX", now, v)
      end
    end
  end
  if last == nil or now > last then last = now end
end
if op == "join-pre" then
  redis.call("ZADD", KEYS[1], "NX", ARGV[6], visitor)
elseif op == "join" then
  if not redis.call("ZSCORE", KEYS[1], visitor) then
    redis.call("ZADD", KEYS[1], 1 + redis.call("INCR", KEYS[2]), visitor)
  end
elseif op == "pause" then
  paused = true
elseif op == "resume" then
  paused = false
end
redis.call("HSET", KEYS[4], "k", tostring(k), "paused", paused and "1" or "0")
if last ~= nil then redis.call("HSET", KEYS[4], "last", tostring(last)) end
local rank = -1
local admittedAt = ""
if visitor ~= "" then
  local r = redis.call("ZRANK", KEYS[1], visitor)
  if r then
    rank = r
    if started and r < math.floor(k) then
      redis.call("ZADD", KEYS[3], "NX", now, visitor)
      admittedAt = redis.call("ZSCORE", KEYS[3], visitor)
    end
  end
end
for i = 1, 4 do redis.call("PEXPIREAT", KEYS[i], ARGV[7]) end
return {
  tostring(k),
  redis.call("ZCARD", KEYS[1]),
  paused and 1 or 0,
  rank,
  admittedAt,
  redis.call("ZCARD", KEYS[3]),
  redis.call("ZCOUNT", KEYS[3], now - 60000, "+inf"),
}`;
const STEP_SHA = createHash("sha1").update(STEP).digest("hex");

/** What a step changes besides advancing the room. */
export type WaitingRoomOp =
  | { op: "read"; visitorId?: string }
  | { op: "join-pre-queue"; visitorId: string; randomScore: number }
  | { op: "join"; visitorId: string }
  | { op: "pause" }
  | { op: "resume" };

export type WaitingRoomSnapshot = {
  /** Places admitted so far, with the fraction of the next one accumulated. */
  admittedPlaces: number;
  /** Everyone who ever joined (admitted or not). */
  size: number;
  paused: boolean;
  /** The visitor's 0-based rank in the whole queue; null when not in it (or no visitor asked). */
  rank: number | null;
  /** When the visitor was admitted; null while waiting. */
  admittedAt: Date | null;
  admittedCount: number;
  admittedLastMinute: number;
};

export type WaitingRoomStore = {
  /** Advances the room to `now`, applies `op`, and reads it back, atomically. */
  step(
    eventId: string,
    opts: {
      now: Date;
      opensAt: Date | null;
      admitPerMinute: number;
      /** The keys' expiry (refreshed on every step). */
      keepUntil: Date;
    } & WaitingRoomOp,
  ): Promise<WaitingRoomSnapshot>;
  /** The memory the room's keys take in Redis (MEMORY USAGE), for the benchmark. */
  memoryUsage(eventId: string): Promise<number>;
};

export const waitingRoomKeys = (eventId: string): string[] =>
  ["queue", "seq", "admits", "state"].map((name) => `inventory:wr:{${eventId}}:${name}`);

const isNoScript = (error: unknown) =>
  error instanceof Error && error.message.startsWith("NOSCRIPT");

export const createWaitingRoomStore = (redis: Redis): WaitingRoomStore => {
  const run = async (keys: string[], args: Array<string | number>): Promise<unknown> => {
    try {
      return await redis.evalsha(STEP_SHA, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return redis.eval(STEP, keys.length, ...keys, ...args);
    }
  };

  return {
    async step(eventId, opts) {
      const visitor = "visitorId" in opts && opts.visitorId ? opts.visitorId : "";
      const op = opts.op === "join-pre-queue" ? "join-pre" : opts.op;
      const reply = (await run(waitingRoomKeys(eventId), [
        opts.now.getTime(),
        opts.opensAt ? opts.opensAt.getTime() : "",
        opts.admitPerMinute,
        op,
        visitor,
        opts.op === "join-pre-queue" ? opts.randomScore : 0,
        opts.keepUntil.getTime(),
      ])) as [string, number, number, number, string | null, number, number];
      const [k, size, paused, rank, admittedAt, admittedCount, admittedLastMinute] = reply;
      return {
        admittedPlaces: Number(k),
        size,
        paused: paused === 1,
        rank: rank >= 0 ? rank : null,
        admittedAt: admittedAt ? new Date(Number(admittedAt)) : null,
        admittedCount,
        admittedLastMinute,
      };
    },

    async memoryUsage(eventId) {
      let total = 0;
      for (const key of waitingRoomKeys(eventId)) {
        const bytes = (await redis.call("MEMORY", "USAGE", key, "SAMPLES", "0")) as number | null;
        total += bytes ?? 0;
      }
      return total;
    },
  };
};
