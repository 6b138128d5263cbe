import { closeRedis, createRedis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { register, startIdentity, trpc, uniqueEmail, type RunningIdentity } from "./harness";

let identity: RunningIdentity;
let nextIp = 0;
// Each attempt names its own documentation-range address (the test's own 127.0.0.1 is a trusted
// proxy), so address counts from one test do not leak into another.
const freshIp = () => `198.51.100.${(nextIp++ % 254) + 1}`;

beforeAll(async () => {
  // Counts left by an earlier run (within its window) would lock these addresses from the start.
  const redis = createRedis(testEnv.redisUrl, { info: () => undefined, warn: () => undefined });
  const stale = await redis.keys("identity:login-*");
  if (stale.length > 0) await redis.del(...stale);
  await closeRedis(redis);
  identity = await startIdentity({
    env: {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: "3",
      LOGIN_MAX_FAILURES_PER_IP: "5",
      LOGIN_FAILURE_WINDOW_SECONDS: "60",
      LOGIN_LOCKOUT_BASE_SECONDS: "1",
      LOGIN_LOCKOUT_MAX_SECONDS: "4",
      TRUSTED_PROXIES: "127.0.0.1",
    },
  });
});
afterAll(async () => {
  await identity.stop();
});

const login = (email: string, password: string, ip: string) =>
  trpc(identity.base, "login", { input: { email, password }, ip });

const waitOut = async (retryAfterSeconds: number) =>
  new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1_000 + 50));

describe("login throttling", () => {
  it("locks an account after repeated failures from any address, then lets the right password in", async () => {
    const account = await register(identity.base);
    for (let i = 0; i < 3; i += 1) {
      // A different address each time: the account's own count must trip the lock.
      expect((await login(account.email, "wrong password", freshIp())).status).toBe(401);
    }
    const locked = await login(account.email, account.password, freshIp());
    expect(locked.status).toBe(429);
    expect(locked.error?.data.code).toBe("TOO_MANY_REQUESTS");
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBe(1);
    expect(locked.error?.message).toBe("too many failed sign-in attempts; try again in 1 second");

    await waitOut(retryAfter);
    const open = await login(account.email, account.password, freshIp());
    expect(open.status).toBe(200);
  });

  it("doubles the lockout with each failure past the limit", async () => {
    const account = await register(identity.base);
    for (let i = 0; i < 3; i += 1) await login(account.email, "wrong password", freshIp());
    await waitOut(1);
    expect((await login(account.email, "wrong password", freshIp())).status).toBe(401);
    const locked = await login(account.email, account.password, freshIp());
    expect(Number(locked.headers.get("retry-after"))).toBe(2);
  });

  it("locks an address after failures across many accounts, without locking those accounts elsewhere", async () => {
    const ip = freshIp();
    const victim = await register(identity.base);
    for (let i = 0; i < 5; i += 1) {
      expect((await login(uniqueEmail("spray"), "wrong password", ip)).status).toBe(401);
    }
    const fromSprayer = await login(victim.email, victim.password, ip);
    expect(fromSprayer.status).toBe(429);
    const fromElsewhere = await login(victim.email, victim.password, freshIp());
    expect(fromElsewhere.status).toBe(200);

    await waitOut(Number(fromSprayer.headers.get("retry-after")));
    expect((await login(victim.email, victim.password, ip)).status).toBe(200);
  });

  it("clears an account's failures after a successful sign-in", async () => {
    const account = await register(identity.base);
    for (let i = 0; i < 2; i += 1) await login(account.email, "wrong password", freshIp());
    expect((await login(account.email, account.password, freshIp())).status).toBe(200);
    for (let i = 0; i < 2; i += 1) await login(account.email, "wrong password", freshIp());
    expect((await login(account.email, account.password, freshIp())).status).toBe(200);
  });

  it("checks no more passwords than the limit when guesses arrive all at once", async () => {
    const account = await register(identity.base);
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => login(account.email, "wrong password", freshIp())),
    );
    const statuses = burst.map((res) => res.status);
    // Only attempts within the allowance reach the password check; the rest are refused unchecked.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(17);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    expect((await login(account.email, account.password, freshIp())).status).toBe(429);
  });
});
