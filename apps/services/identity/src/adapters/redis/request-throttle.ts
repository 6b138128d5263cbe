import { createHash } from "node:crypto";
import type { Redis } from "@marquee/service/redis";

export type RequestThrottleSettings = {
  /** Redis key prefix part, e.g. `guest-token`. */
  name: string;
  perIp: number;
  perEmail: number;
  windowSeconds: number;
};

export type RequestThrottle = {
  /**
   * Counts one request against its address and its email, and resolves with the seconds until the
   * window of the first exhausted limit ends (0: within both limits, go ahead).
   */
  take(request: { email: string; ip: string }): Promise<number>;
};

// Emails are hashed so Redis holds no addresses; the key only has to be stable.
const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 32);

/**
 * Fixed windows in Redis, one counter per address and one per email: the first request of a
 * window creates the counter with the window as its lifetime, every request increments it, and
 * a request that finds a counter past its limit is refused until the counter expires. Both
 * counters move in one MULTI, so simultaneous requests each take their own number and no burst
 * gets past a limit. Refused requests count too (they do not move the window's end).
 */
export const createRequestThrottle = (
  redis: Redis,
  settings: RequestThrottleSettings,
): RequestThrottle => ({
  async take({ email, ip }) {
    const scopes = [
      { key: `identity:${settings.name}:ip:${ip}`, limit: settings.perIp },
      { key: `identity:${settings.name}:email:${digest(email)}`, limit: settings.perEmail },
    ];
    const multi = redis.multi();
    for (const { key } of scopes) {
      multi.incr(key).expire(key, settings.windowSeconds, "NX").pttl(key);
    }
    const replies = (await multi.exec()) ?? [];
    let waitMs = 0;
    scopes.forEach(({ limit }, i) => {
      const count = Number(replies[i * 3]?.[1]);
      const ttlMs = Number(replies[i * 3 + 2]?.[1]);
      if (count > limit)
        waitMs = Math.max(waitMs, ttlMs > 0 ? ttlMs : settings.windowSeconds * 1_000);
    });
    return Math.ceil(waitMs / 1_000);
  },
});
