import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JWT } from "next-auth/jwt";

// The test environment's Redis (README: Environment), never the development one.
process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/1";

const { encode } = await import("next-auth/jwt");
const { authOptions, decodeSession, revokeSession } = await import("./auth-options");
const { serverEnv } = await import("./server-env");
const { Redis } = await import("ioredis");

const secret = serverEnv.NEXTAUTH_SECRET;
const redis = new Redis(serverEnv.REDIS_URL);

const signedIn = (overrides: Partial<JWT> = {}): JWT => ({
  sub: randomUUID(),
  sid: randomUUID(),
  role: "customer",
  accessToken: "token",
  accessTokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  ...overrides,
});

const cookieOf = (token: JWT) => encode({ token, secret, maxAge: 3_600 });

beforeAll(async () => {
  await redis.ping();
});
afterAll(() => {
  redis.disconnect();
});

describe("sign-out ends the session for good", () => {
  it("gives every sign-in its own session id", async () => {
    const jwt = authOptions.callbacks?.jwt;
    const user = {
      id: "u",
      role: "customer" as const,
      accessToken: "t",
      accessTokenExpiresAt: new Date().toISOString(),
    };
    const first = await jwt?.({ token: {}, user, account: null });
    const second = await jwt?.({ token: {}, user, account: null });
    expect(first?.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.sid).not.toBe(first?.sid);
  });

  it("refuses a copy of the cookie once its session signed out, in every process", async () => {
    const token = signedIn();
    const cookie = await cookieOf(token);
    expect((await decodeSession({ token: cookie, secret }))?.sid).toBe(token.sid);

    // What next-auth's sign-out route does: decode the cookie, then call events.signOut.
    const decoded = await decodeSession({ token: cookie, secret });
    await authOptions.events?.signOut?.({ token: decoded!, session: {} as never });
    expect(await decodeSession({ token: cookie, secret })).toBeNull();
    // Stored in Redis, not in this process: another web process sees it too.
    const ttl = await redis.ttl(`web:revoked-session:${token.sid}`);
    expect(ttl).toBeGreaterThan(3_500);
    expect(ttl).toBeLessThanOrEqual(7_300);
  });

  it("keeps the revocation at least as long as the session's access token lasts", async () => {
    const token = signedIn({
      accessTokenExpiresAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    });
    await revokeSession(token);
    expect(await redis.ttl(`web:revoked-session:${token.sid}`)).toBeGreaterThan(3 * 3_600 - 10);
  });

  it("leaves other sessions of the same account signed in", async () => {
    const sub = randomUUID();
    const gone = signedIn({ sub });
    const kept = signedIn({ sub });
    await revokeSession(gone);
    expect(await decodeSession({ token: await cookieOf(kept), secret })).not.toBeNull();
  });

  it("refuses a cookie without a session id (one minted before ids existed, or forged)", async () => {
    const { sid: _sid, ...withoutId } = signedIn();
    expect(await decodeSession({ token: await cookieOf(withoutId), secret })).toBeNull();
  });
});
