import { createHash } from "node:crypto";
import type { Redis } from "@marquee/service/redis";
import { lockoutSeconds } from "../../domain/lockout";

export type ThrottleSettings = {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
  lockoutBaseSeconds: number;
  lockoutMaxSeconds: number;
};

export type LoginThrottle = {
  /** Seconds until sign-in may be tried again for this account or address; 0 when open. */
  retryAfter(attempt: { email: string; ip: string }): Promise<number>;
  recordFailure(attempt: { email: string; ip: string }): Promise<void>;
  /** Clears the account's failures; the address keeps its count (one good account must not reset it). */
  recordSuccess(attempt: { email: string }): Promise<void>;
};

// Emails are hashed so Redis holds no addresses; the key only has to be stable.
const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 32);

/**
 * Failure counts per account and per client address in Redis, each expiring one window after its
 * first failure. Reaching a limit sets a lock key whose lifetime doubles with every further failure
 * (see `lockoutSeconds`); while it exists, sign-in is refused without checking the password.
 */
export const createLoginThrottle = (redis: Redis, settings: ThrottleSettings): LoginThrottle => {
  const scopes = ({ email, ip }: { email: string; ip: string }) => [
    { name: `account:${digest(email)}`, limit: settings.maxFailuresPerAccount },
    { name: `ip:${ip}`, limit: settings.maxFailuresPerIp },
  ];
  const failuresKey = (scope: string) => `identity:login-failures:${scope}`;
  const lockKey = (scope: string) => `identity:login-lock:${scope}`;

  return {
    async retryAfter(attempt) {
      const ttls = await Promise.all(scopes(attempt).map(({ name }) => redis.pttl(lockKey(name))));
      return Math.ceil(Math.max(0, ...ttls) / 1_000);
    },
    async recordFailure(attempt) {
      for (const { name, limit } of scopes(attempt)) {
        const [[, failures] = []] =
          (await redis
            .multi()
            .incr(failuresKey(name))
            .expire(failuresKey(name), settings.windowSeconds, "NX")
            .exec()) ?? [];
        const seconds = lockoutSeconds(Number(failures), {
          limit,
          baseSeconds: settings.lockoutBaseSeconds,
          maxSeconds: settings.lockoutMaxSeconds,
        });
        if (seconds > 0) await redis.set(lockKey(name), "1", "EX", seconds);
      }
    },
    async recordSuccess({ email }) {
      const name = `account:${digest(email)}`;
      await redis.del(failuresKey(name), lockKey(name));
    },
  };
};
