import { createHash } from "node:crypto";
import type { Redis } from "@marquee/service/redis";
import { judgeAttempt, type SignInLimits } from "../../domain/sign-in-limits";

export type ThrottleSettings = SignInLimits & { windowSeconds: number };

type Attempt = { email: string; ip: string };

/** Go ahead and check the password (with a proof first when asked), or wait. */
export type Admission =
  { kind: "check-password"; proofRequired: boolean } | { kind: "wait"; retryAfterSeconds: number };

export type LoginThrottle = {
  /**
   * Counts the attempt as a failure before the password is checked, so concurrent guesses each take
   * their own number and those past a limit are refused without a comparison.
   */
  admit(attempt: Attempt): Promise<Admission>;
  /**
   * The admitted attempt succeeded: clear this address's failures on the account, and take the
   * attempt back off the address's and the account's counts (one good sign-in must not reset them).
   */
  recordSuccess(attempt: Attempt): Promise<void>;
};

// Emails are hashed so Redis holds no addresses; the key only has to be stable.
const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 32);

/**
 * Failure counts per client address, per (address, account) and per account in Redis, each
 * expiring one window after its first failure; `judgeAttempt` decides from this attempt's numbers.
 * A scope past its limit gets a lock key whose lifetime doubles with each further failure; while
 * it exists, that scope's attempts are refused without checking the password. The account alone
 * is never locked: its count only makes every attempt on it carry a proof of work.
 */
export const createLoginThrottle = (redis: Redis, settings: ThrottleSettings): LoginThrottle => {
  const names = ({ email, ip }: Attempt) => {
    const account = digest(email);
    return {
      ip: `ip:${ip}`,
      "account-and-ip": `pair:${ip}:${account}`,
      account: `account:${account}`,
    };
  };
  const failuresKey = (scope: string) => `identity:login-failures:${scope}`;
  const lockKey = (scope: string) => `identity:login-lock:${scope}`;

  const lockedFor = async (scopes: string[]) => {
    const ttls = await Promise.all(scopes.map((scope) => redis.pttl(lockKey(scope))));
    return Math.ceil(Math.max(0, ...ttls) / 1_000);
  };
  // Locks this attempt set, to lift again if it turns out to be the owner.
  const locksSet = new WeakMap<Attempt, string[]>();

  return {
    async admit(attempt) {
      const scope = names(attempt);
      const lockable = [scope.ip, scope["account-and-ip"]];
      const waiting = await lockedFor(lockable);
      if (waiting > 0) return { kind: "wait", retryAfterSeconds: waiting };

      const counting = [scope.ip, scope["account-and-ip"], scope.account];
      const transaction = redis.multi();
      for (const name of counting) {
        transaction.incr(failuresKey(name)).expire(failuresKey(name), settings.windowSeconds, "NX");
      }
      const replies = (await transaction.exec()) ?? [];
      const [ip, accountAndIp, account] = [0, 2, 4].map((index) => Number(replies[index]?.[1]));
      const verdict = judgeAttempt(
        { ip: ip ?? 0, accountAndIp: accountAndIp ?? 0, account: account ?? 0 },
        settings,
      );
      const set: string[] = [];
      for (const lock of verdict.locks) {
        // Only the attempt that creates the lock goes on; guesses racing it find it taken, so a
        // burst cannot slip past the limit between the count above and the password check.
        const created = await redis.set(lockKey(scope[lock.scope]), "1", "EX", lock.seconds, "NX");
        if (created !== "OK") {
          return { kind: "wait", retryAfterSeconds: Math.max(1, await lockedFor(lockable)) };
        }
        set.push(scope[lock.scope]);
      }
      locksSet.set(attempt, set);
      return { kind: "check-password", proofRequired: verdict.proofRequired };
    },
    async recordSuccess(attempt) {
      const scope = names(attempt);
      const lifted = (locksSet.get(attempt) ?? []).map(lockKey);
      await redis
        .multi()
        .del(failuresKey(scope["account-and-ip"]), lockKey(scope["account-and-ip"]), ...lifted)
        .decr(failuresKey(scope.ip))
        .decr(failuresKey(scope.account))
        .exec();
    },
  };
};
