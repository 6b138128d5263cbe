import { closeRedis, createRedis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  register,
  solvedProof,
  startIdentity,
  trpc,
  uniqueEmail,
  type RunningIdentity,
} from "./harness";

let identity: RunningIdentity;
let nextIp = 0;
// Each attempt names its own documentation-range address (the test's own 127.0.0.1 is a trusted
// proxy), so address counts from one test do not leak into another.
const freshIp = () => `198.51.100.${(nextIp++ % 254) + 1}`;

beforeAll(async () => {
  // Counts left by an earlier run (within its window) would slow these addresses from the start.
  const redis = createRedis(testEnv.redisUrl, { info: () => undefined, warn: () => undefined });
  const stale = await redis.keys("identity:login-*");
  if (stale.length > 0) await redis.del(...stale);
  await closeRedis(redis);
  identity = await startIdentity({
    env: {
      LOGIN_MAX_FAILURES_PER_IP: "8",
      LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: "4",
      LOGIN_PROOF_AFTER_FAILURES: "2",
      LOGIN_PROOF_AFTER_ACCOUNT_FAILURES: "6",
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

const login = (email: string, password: string, ip: string, proof?: string) =>
  trpc(identity.base, "login", { input: { email, password, ...(proof ? { proof } : {}) }, ip });
const signInProof = () => solvedProof(identity.base, "sign-in");

const waitOut = async (retryAfterSeconds: number) =>
  new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1_000 + 50));

describe("failed sign-ins slow the attacker, not the owner", () => {
  it("asks for a proof of work after a few failures from one address, and lets a solved one in", async () => {
    const account = await register(identity.base);
    const ip = freshIp();
    for (let i = 0; i < 2; i += 1) {
      expect((await login(account.email, "wrong password", ip)).status).toBe(401);
    }
    const unproven = await login(account.email, account.password, ip);
    expect(unproven.status).toBe(412);
    expect(unproven.error?.data.code).toBe("PRECONDITION_FAILED");
    expect(unproven.error?.message).toBe(
      "proof: solve a proof-of-work challenge first (purpose sign-in)",
    );
    // A proof for another purpose, or one already spent, does not do.
    const forGuests = await login(
      account.email,
      account.password,
      ip,
      await solvedProof(identity.base, "guest"),
    );
    expect(forGuests.status).toBe(412);
    const proof = await signInProof();
    expect((await login(account.email, account.password, ip, proof)).status).toBe(200);
  });

  it("lets the owner in from another address, with no proof and no wait, while one address hammers the account", async () => {
    const owner = await register(identity.base);
    const attacker = freshIp();
    const replies = [];
    for (let i = 0; i < 6; i += 1)
      replies.push((await login(owner.email, "guess", attacker)).status);
    // Two checked, then proofs wanted; the fifth sets a wait, the sixth meets it.
    expect(replies).toEqual([401, 401, 412, 412, 412, 429]);
    expect((await login(owner.email, owner.password, attacker)).status).toBe(429);

    expect((await login(owner.email, owner.password, freshIp())).status).toBe(200);
  });

  it("gives a failing address one try per wait on the account, the wait doubling each time", async () => {
    const account = await register(identity.base);
    const ip = freshIp();
    for (let i = 0; i < 4; i += 1) {
      const proof = i >= 2 ? await signInProof() : undefined;
      expect((await login(account.email, "wrong password", ip, proof)).status).toBe(401);
    }
    const first = await login(account.email, "wrong password", ip, await signInProof());
    // The fifth attempt pushed the pair past its limit: it set a 1 s wait and was still checked.
    expect(first.status).toBe(401);
    const waiting = await login(account.email, account.password, ip, await signInProof());
    expect(waiting.status).toBe(429);
    expect(waiting.error?.message).toBe("too many failed sign-in attempts; try again in 1 second");
    expect(waiting.headers.get("retry-after")).toBe("1");

    await waitOut(1);
    expect((await login(account.email, "wrong password", ip, await signInProof())).status).toBe(
      401,
    );
    const longer = await login(account.email, account.password, ip, await signInProof());
    expect(longer.status).toBe(429);
    expect(longer.headers.get("retry-after")).toBe("2");
  });

  it("asks every address for a proof once the account failed many times from anywhere, but never locks it", async () => {
    const owner = await register(identity.base);
    // Spread over addresses, so no address or pair reaches its own limits.
    for (let i = 0; i < 6; i += 1) {
      expect((await login(owner.email, "guess", freshIp())).status).toBe(401);
    }
    const ownerIp = freshIp();
    const unproven = await login(owner.email, owner.password, ownerIp);
    expect(unproven.status).toBe(412);
    expect((await login(owner.email, owner.password, ownerIp, await signInProof())).status).toBe(
      200,
    );
    // More guesses from more addresses: still proofs, never a wait, for anyone.
    for (let i = 0; i < 10; i += 1) {
      expect((await login(owner.email, "guess", freshIp())).status).toBe(412);
    }
    expect((await login(owner.email, owner.password, freshIp(), await signInProof())).status).toBe(
      200,
    );
  });

  it("makes an address spraying many accounts wait, without slowing those accounts elsewhere", async () => {
    const ip = freshIp();
    const victim = await register(identity.base);
    for (let i = 0; i < 8; i += 1) {
      expect((await login(uniqueEmail("spray"), "wrong password", ip)).status).toBe(401);
    }
    expect((await login(uniqueEmail("spray"), "wrong password", ip)).status).toBe(401);
    const fromSprayer = await login(victim.email, victim.password, ip);
    expect(fromSprayer.status).toBe(429);
    expect((await login(victim.email, victim.password, freshIp())).status).toBe(200);
  });

  it("clears this address's failures on the account after a successful sign-in", async () => {
    const account = await register(identity.base);
    const ip = freshIp();
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < 2; i += 1) {
        expect((await login(account.email, "wrong password", ip)).status).toBe(401);
      }
      expect((await login(account.email, account.password, ip, await signInProof())).status).toBe(
        200,
      );
    }
  });

  it("checks no more passwords than the allowance when guesses arrive all at once", async () => {
    const account = await register(identity.base);
    const ip = freshIp();
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => login(account.email, "wrong password", ip)),
    );
    const statuses = burst.map((res) => res.status);
    // Only attempts within the allowance reach the password check; the rest need a proof or wait.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(2);
    expect(statuses.every((status) => [401, 412, 429].includes(status))).toBe(true);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10);
  });

  it("counts an unknown email like a known one, so the limits reveal no account", async () => {
    const ip = freshIp();
    const unknown = uniqueEmail("nobody");
    const known = await register(identity.base);
    const knownIp = freshIp();
    const statuses = async (email: string, from: string) => {
      const seen = [];
      for (let i = 0; i < 5; i += 1) seen.push((await login(email, "guess", from)).status);
      return seen;
    };
    expect(await statuses(unknown, ip)).toEqual(await statuses(known.email, knownIp));
  });
});
