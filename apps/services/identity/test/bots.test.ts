import { createIdentityDb } from "@marquee/db/identity";
import { closeRedis, createRedis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signEmailVerificationToken } from "../src/app/email-verification-token";
import {
  guestToken,
  solvedProof,
  startIdentity,
  trpc,
  uniqueEmail,
  type RunningIdentity,
  type Session,
} from "./harness";

let identity: RunningIdentity;
const db = createIdentityDb({ url: testEnv.databaseUrl, poolMax: 1 });
let nextIp = 0;
// A documentation-range address per test (127.0.0.1 is a trusted proxy here), so counts never
// leak between tests.
const freshIp = () => `203.0.113.${(nextIp++ % 254) + 1}`;

beforeAll(async () => {
  // Windows left by an earlier run would refuse these addresses from the start.
  const redis = createRedis(testEnv.redisUrl, { info: () => undefined, warn: () => undefined });
  const stale = [
    ...(await redis.keys("identity:guest-token:*")),
    ...(await redis.keys("identity:registration:*")),
    ...(await redis.keys("identity:verification-email:*")),
  ];
  if (stale.length > 0) await redis.del(...stale);
  await closeRedis(redis);
  identity = await startIdentity({
    env: {
      TRUSTED_PROXIES: "127.0.0.1",
      GUEST_TOKENS_PER_IP: "3",
      GUEST_TOKENS_PER_EMAIL: "2",
      GUEST_TOKEN_WINDOW_SECONDS: "600",
      REGISTRATIONS_PER_IP: "2",
      REGISTRATIONS_PER_EMAIL: "2",
      REGISTRATION_WINDOW_SECONDS: "3600",
      VERIFICATION_EMAILS_PER_EMAIL: "2",
    },
  });
});

afterAll(async () => {
  await identity.stop();
  await db.$disconnect();
});

const signUp = (email: string, ip: string) =>
  trpc<{ email: string }>(identity.base, "register", {
    input: { email, password: "correct horse battery", displayName: "Bot or not" },
    ip,
  });

/**
 * A new account signed up from an address of its own (this file's per-address limit is 2), then
 * signed in (sign-up returns no token).
 */
const registerFresh = async () => {
  const email = uniqueEmail("verify");
  const ip = freshIp();
  const reply = await signUp(email, ip);
  if (!reply.data) throw new Error(`sign-up failed: ${reply.error?.message}`);
  const session = await trpc<Session>(identity.base, "login", {
    input: { email, password: "correct horse battery" },
    ip,
  });
  if (!session.data) throw new Error(`sign-in failed: ${session.error?.message}`);
  return { email, password: "correct horse battery", ...session.data };
};

const expectThrottled = (
  reply: { status: number; headers: Headers; error?: { message: string } },
  what: string,
) => {
  expect(reply.status).toBe(429);
  const retryAfter = Number(reply.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(3_600);
  expect(reply.error?.message).toBe(
    `${what}; try again in ${retryAfter} second${retryAfter === 1 ? "" : "s"}`,
  );
};

describe("guest token throttling", () => {
  it("allows three guest tokens per address, then refuses the address but not the emails", async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i += 1) {
      expect((await guestToken(identity.base, uniqueEmail("farm"), { ip })).status).toBe(200);
    }
    const email = uniqueEmail("farm");
    const refused = await guestToken(identity.base, email, { ip });
    expectThrottled(refused, "too many guest checkouts");
    expect(refused.headers.get("retry-after")).toMatch(/^(59\d|600)$/);
    // The email itself is within its allowance: from another address it goes through.
    expect((await guestToken(identity.base, email, { ip: freshIp() })).status).toBe(200);
  });

  it("allows two guest tokens per email from any addresses, then refuses that email only", async () => {
    const email = uniqueEmail("victim");
    for (let i = 0; i < 2; i += 1) {
      expect((await guestToken(identity.base, email, { ip: freshIp() })).status).toBe(200);
    }
    const ip = freshIp();
    expectThrottled(await guestToken(identity.base, email, { ip }), "too many guest checkouts");
    // Same address, another email: the address has used one of its three.
    expect((await guestToken(identity.base, uniqueEmail("other"), { ip })).status).toBe(200);
  });

  it("does not count requests whose proof was refused against the email", async () => {
    const email = uniqueEmail("spared");
    for (let i = 0; i < 5; i += 1) {
      const forged = await trpc(identity.base, "guestToken", {
        input: { email, proof: Buffer.from("{}").toString("base64") },
        ip: freshIp(),
      });
      expect(forged.status).toBe(403);
    }
    expect((await guestToken(identity.base, email, { ip: freshIp() })).status).toBe(200);
  });
});

describe("registration throttling", () => {
  it("allows two sign-ups per address, then refuses the address but not the next email", async () => {
    const ip = freshIp();
    expect((await signUp(uniqueEmail("reg"), ip)).status).toBe(200);
    expect((await signUp(uniqueEmail("reg"), ip)).status).toBe(200);
    const email = uniqueEmail("reg");
    expectThrottled(await signUp(email, ip), "too many sign-ups");
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect((await signUp(email, freshIp())).status).toBe(200);
  });

  it("allows two sign-up attempts per email from any addresses, then refuses that email", async () => {
    const email = uniqueEmail("regmail");
    expect((await signUp(email, freshIp())).status).toBe(200);
    // Taken now, and answered as a new address would be; it still counts.
    expect((await signUp(email, freshIp())).status).toBe(200);
    expectThrottled(await signUp(email, freshIp()), "too many sign-ups");
    expect((await signUp(uniqueEmail("regmail"), freshIp())).status).toBe(200);
  });
});

describe("guest tokens need a proof of work", () => {
  it("refuses a request without a proof, naming the field", async () => {
    const reply = await trpc(identity.base, "guestToken", {
      input: { email: uniqueEmail("lazy") },
      ip: freshIp(),
    });
    expect(reply.status).toBe(400);
    expect(reply.error?.message).toContain("proof");
  });

  it("refuses a malformed or tampered proof", async () => {
    const malformed = await trpc(identity.base, "guestToken", {
      input: { email: uniqueEmail("bad"), proof: "bm90IGEgcHJvb2Y=" },
      ip: freshIp(),
    });
    expect(malformed.status).toBe(403);
    expect(malformed.error?.message).toBe("proof: proof of work is malformed");

    const genuine = JSON.parse(
      Buffer.from(await solvedProof(identity.base), "base64").toString("utf8"),
    ) as { challenge: { parameters: { expiresAt: number } } };
    genuine.challenge.parameters.expiresAt += 3_600;
    const tampered = await trpc(identity.base, "guestToken", {
      input: {
        email: uniqueEmail("bad"),
        proof: Buffer.from(JSON.stringify(genuine)).toString("base64"),
      },
      ip: freshIp(),
    });
    expect(tampered.status).toBe(403);
    expect(tampered.error?.message).toBe("proof: proof of work has an invalid signature");
  });

  it("refuses a proof solved for the waiting room", async () => {
    const reply = await trpc(identity.base, "guestToken", {
      input: {
        email: uniqueEmail("wrong"),
        proof: await solvedProof(identity.base, "waiting-room"),
      },
      ip: freshIp(),
    });
    expect(reply.status).toBe(403);
    expect(reply.error?.message).toBe("proof: proof of work was not issued for guest");
  });

  it("accepts a proof once: the replay is refused, also for another email", async () => {
    const proof = await solvedProof(identity.base);
    const first = await trpc(identity.base, "guestToken", {
      input: { email: uniqueEmail("once"), proof },
      ip: freshIp(),
    });
    expect(first.status).toBe(200);
    const replay = await trpc(identity.base, "guestToken", {
      input: { email: uniqueEmail("twice"), proof },
      ip: freshIp(),
    });
    expect(replay.status).toBe(403);
    expect(replay.error?.message).toBe("proof: proof of work has already been used");
  });
});

type OutboxRow = { type: string; payload: { data: Record<string, string> } };
const outboxOf = (userId: string) =>
  db.$queryRawUnsafe<OutboxRow[]>(
    `SELECT type, payload FROM outbox_message WHERE key = $1 ORDER BY seq`,
    userId,
  );

describe("email verification", () => {
  it("asks for verification at sign-up, verifies by the link's token once, and says so in new tokens", async () => {
    const account = await registerFresh();
    expect(account.user).toMatchObject({ emailVerified: false });
    const [requested, ...others] = await outboxOf(account.user.id);
    expect(others).toEqual([]);
    expect(requested).toMatchObject({
      type: "identity.verification-requested",
      payload: { data: { userId: account.user.id, email: account.email } },
    });
    const token = requested!.payload.data.token!;

    const verified = await trpc(identity.base, "verifyEmail", { input: { token } });
    expect(verified.data).toEqual({ email: account.email, alreadyVerified: false });
    const row = await db.user.findUniqueOrThrow({ where: { id: account.user.id } });
    expect(row.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await outboxOf(account.user.id)).map((r) => r.type)).toEqual([
      "identity.verification-requested",
      "identity.email-verified",
    ]);

    const again = await trpc(identity.base, "verifyEmail", { input: { token } });
    expect(again.data).toEqual({ email: account.email, alreadyVerified: true });
    expect(await outboxOf(account.user.id)).toHaveLength(2);

    const login = await trpc<Session & { user: { emailVerified: boolean } }>(
      identity.base,
      "login",
      { input: { email: account.email, password: account.password } },
    );
    expect(login.data?.user.emailVerified).toBe(true);
    const claims = JSON.parse(
      Buffer.from(login.data!.accessToken.split(".")[1]!, "base64url").toString("utf8"),
    ) as { emailVerified: unknown };
    expect(claims.emailVerified).toBe(true);
  });

  it("refuses an expired link, an access token and garbage, leaving the account unverified", async () => {
    const account = await registerFresh();
    const expired = await signEmailVerificationToken(
      identity.deps.keys,
      { issuer: "marquee-identity", audience: "marquee" },
      { id: account.user.id, email: account.email },
      -60,
    );
    const stale = await trpc(identity.base, "verifyEmail", { input: { token: expired.token } });
    expect(stale.status).toBe(400);
    expect(stale.error?.message).toBe(
      "token: this verification link has expired; sign in to get a new one",
    );
    for (const token of [account.accessToken, "garbage"]) {
      const reply = await trpc(identity.base, "verifyEmail", { input: { token } });
      expect(reply.error?.message).toBe("token: this verification link is not valid");
    }
    const row = await db.user.findUniqueOrThrow({ where: { id: account.user.id } });
    expect(row.emailVerifiedAt).toBeNull();
  });
});

describe("sending the verification link again", () => {
  it("sends a new working link to an unverified account, twice per window, then refuses", async () => {
    const account = await registerFresh();
    const resend = () =>
      trpc<{ email: string; alreadyVerified: boolean }>(identity.base, "resendVerification", {
        token: account.accessToken,
        ip: freshIp(),
      });
    expect((await resend()).data).toEqual({ email: account.email, alreadyVerified: false });
    expect((await resend()).status).toBe(200);
    expectThrottled(await resend(), "too many verification emails");
    const requested = (await outboxOf(account.user.id)).filter(
      (row) => row.type === "identity.verification-requested",
    );
    expect(requested).toHaveLength(3);
    const [, , latest] = requested;
    expect(latest!.payload.data.token).not.toBe(requested[0]!.payload.data.token);

    const verified = await trpc(identity.base, "verifyEmail", {
      input: { token: latest!.payload.data.token },
    });
    expect(verified.data).toEqual({ email: account.email, alreadyVerified: false });
    // Verified: nothing more to send, and no limit involved.
    expect((await resend()).data).toEqual({ email: account.email, alreadyVerified: true });
    expect(
      (await outboxOf(account.user.id)).filter(
        (row) => row.type === "identity.verification-requested",
      ),
    ).toHaveLength(3);
  });

  it("refuses guests, who have no account to verify", async () => {
    const guest = await guestToken(identity.base, uniqueEmail("guest"), { ip: freshIp() });
    const reply = await trpc(identity.base, "resendVerification", {
      token: guest.data!.accessToken,
    });
    expect(reply.status).toBe(403);
    expect(reply.error?.message).toBe("guests have no account to verify; create an account first");
  });
});
