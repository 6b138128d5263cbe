import { request } from "node:http";
import { randomInt } from "node:crypto";
import { closeRedis, createRedis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { solvedProof, startIdentity, uniqueEmail, type RunningIdentity } from "./harness";

// Each test calls from its own loopback address (Linux routes all of 127.0.0.0/8 to lo), so its
// per-address count is its own even while other test files call from 127.0.0.1.
const localAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(2, 255)}`;
const forged = () => `198.51.100.${randomInt(1, 255)}`;

const silent = { info: () => undefined, warn: () => undefined };
const redis = createRedis(testEnv.redisUrl, silent);
const running: RunningIdentity[] = [];

beforeAll(() => redis.ping());
afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((identity) => identity.stop()));
});
afterAll(() => closeRedis(redis));

/** A guest token request from `from`, claiming to be `forwardedFor`. */
const guestTokenFrom = async (
  identity: RunningIdentity,
  from: string,
  forwardedFor: string,
): Promise<number> => {
  const body = JSON.stringify({
    email: uniqueEmail("addr"),
    proof: await solvedProof(identity.base),
  });
  const url = new URL(`${identity.base}/trpc/guestToken`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress: from,
        headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
};

const start = async (env: Record<string, string>) => {
  const identity = await startIdentity({ env: { GUEST_TOKENS_PER_IP: "2", ...env } });
  running.push(identity);
  return identity;
};

describe("the client address identity's limits count", () => {
  it("is the peer, whatever X-Forwarded-For says, when no proxy is trusted (the default)", async () => {
    const identity = await start({});
    const from = localAddress();
    await redis.del(`identity:guest-token:ip:${from}`);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await guestTokenFrom(identity, from, forged()));
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("is the forwarded address when the peer is a trusted proxy", async () => {
    const identity = await start({ TRUSTED_PROXIES: "127.0.0.0/8" });
    const from = localAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const claimed = `192.0.2.${randomInt(1, 255)}`;
      await redis.del(`identity:guest-token:ip:${claimed}`);
      statuses.push(await guestTokenFrom(identity, from, claimed));
    }
    expect(statuses).toEqual([200, 200, 200]);
    expect(await redis.exists(`identity:guest-token:ip:${from}`)).toBe(0);
  });
});
