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

type Attempt = { email: string; ip: string };

export type LoginThrottle = {
  /**
   * Counts the attempt as a failure before the password is checked, so concurrent guesses each take
   * their own number and those past the limit are refused without a comparison. Resolves with the
   * seconds to wait (0: go ahead and check the password).
   */
  admit(attempt: Attempt): Promise<number>;
  /** The admitted attempt failed: lock the account or address once it reached its limit. */
  recordFailure(attempt: Attempt): Promise<void>;
  /**
   * The admitted attempt succeeded: clear the account's failures and take this attempt back off the
   * address's count (one good account must not reset the address).
   */
  recordSuccess(attempt: Attempt): Promise<void>;
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

  const retryAfter = async (attempt: Attempt) => {
    const ttls = await Promise.all(scopes(attempt).map(({ name }) => redis.pttl(lockKey(name))));
    return Math.ceil(Math.max(0, ...ttls) / 1_000);
  };
  const lockFor = (failures: number, limit: number) =>
    lockoutSeconds(failures, {
      limit,
      baseSeconds: settings.lockoutBaseSeconds,
      maxSeconds: settings.lockoutMaxSeconds,
    });
  // What admit() learnt about each attempt, to judge it once its outcome is known.
  const admitted = new WeakMap<Attempt, { numbers: Map<string, number>; locked: string[] }>();

  return {
    async admit(attempt) {
      const locked = await retryAfter(attempt);
      if (locked > 0) return locked;
      const state = { numbers: new Map<string, number>(), locked: [] as string[] };
      admitted.set(attempt, state);
      for (const { name, limit } of scopes(attempt)) {
        const [[, failures] = []] =
          (await redis
            .multi()
            .incr(failuresKey(name))
            .expire(failuresKey(name), settings.windowSeconds, "NX")
            .exec()) ?? [];
        const n = Number(failures);
        state.numbers.set(name, n);
        if (n < limit) continue;
        // This attempt would reach the limit: lock first, then check the password. Only the attempt
        // that creates the lock goes on; guesses racing it find the lock taken and are refused, so a
        // burst cannot slip past the limit between the check above and a failure being recorded.
        const created = await redis.set(lockKey(name), "1", "EX", lockFor(n, limit), "NX");
        if (created !== "OK") return Math.max(1, await retryAfter(attempt));
        state.locked.push(name);
      }
      return 0;
    },
    async recordFailure(attempt) {
      const state = admitted.get(attempt);
      for (const { name, limit } of scopes(attempt)) {
        const seconds = lockFor(state?.numbers.get(name) ?? 0, limit);
        if (seconds > 0) await redis.set(lockKey(name), "1", "EX", seconds);
      }
    },
    async recordSuccess(attempt) {
      const [account, address] = scopes(attempt);
      const lockedByThisAttempt = (admitted.get(attempt)?.locked ?? []).map(lockKey);
      await redis
        .multi()
        .del(failuresKey(account!.name), lockKey(account!.name), ...lockedByThisAttempt)
        .decr(failuresKey(address!.name))
        .exec();
    },
  };
};
