import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheVerifiedTokens } from "../src/auth-token-cache";
import { createTokenVerifier, TokenVerificationError, type TokenVerifier } from "../src/auth";

let issuer: TestIssuer;
let real: TokenVerifier;

beforeAll(async () => {
  issuer = await startTestIssuer();
  real = createTokenVerifier({
    jwksUrl: issuer.jwksUrl,
    issuer: issuer.issuer,
    audience: issuer.audience,
  });
});

afterAll(async () => {
  await issuer?.close();
});

/** The real verifier, counting how often the cache had to ask it. */
const counted = () => {
  const calls: string[] = [];
  const verifier: TokenVerifier = {
    verify: (token) => {
      calls.push(token);
      return real.verify(token);
    },
  };
  return { verifier, calls };
};

describe("cacheVerifiedTokens", () => {
  it("verifies a token once and answers the same caller from memory within maxAgeMs", async () => {
    const { verifier, calls } = counted();
    let now = Date.now();
    const cached = cacheVerifiedTokens(verifier, { maxAgeMs: 5_000, now: () => now });
    const { token, user } = await issuer.tokenFor({ role: "guest" });
    const expected = { id: user.id, email: user.email, role: "guest", name: user.name };

    expect(await cached.verify(token)).toEqual(expected);
    now += 4_000;
    expect(await cached.verify(token)).toEqual(expected);
    expect(calls).toHaveLength(1);

    now += 2_000;
    expect(await cached.verify(token)).toEqual(expected);
    expect(calls).toHaveLength(2);
  });

  it("never answers from memory past the token's exp", async () => {
    const { verifier, calls } = counted();
    const { token } = await issuer.tokenFor();
    const exp = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as {
      exp: number;
    };
    let now = exp.exp * 1_000 - 1_000;
    const cached = cacheVerifiedTokens(verifier, { maxAgeMs: 60_000, now: () => now });

    await cached.verify(token);
    now = exp.exp * 1_000;
    await cached.verify(token);
    expect(calls).toHaveLength(2);
  });

  it("keeps no refusal: a bad token is checked, and refused, every time", async () => {
    const { verifier, calls } = counted();
    const cached = cacheVerifiedTokens(verifier);
    const { token } = await issuer.tokenFor();
    const forged = `${token.slice(0, -4)}AAAA`;

    for (let i = 0; i < 2; i += 1) {
      await expect(cached.verify(forged)).rejects.toBeInstanceOf(TokenVerificationError);
    }
    expect(calls).toHaveLength(2);
  });

  it("forgets the oldest token when full", async () => {
    const { verifier, calls } = counted();
    const cached = cacheVerifiedTokens(verifier, { maxEntries: 2 });
    const [a, b, c] = await Promise.all([issuer.tokenFor(), issuer.tokenFor(), issuer.tokenFor()]);

    for (const t of [a, b, c, c, b]) await cached.verify(t.token);
    expect(calls).toHaveLength(3);
    await cached.verify(a.token);
    expect(calls).toHaveLength(4);
  });

  it("hands out copies, so a caller changing its user changes nobody else's", async () => {
    const cached = cacheVerifiedTokens(counted().verifier);
    const { token, user } = await issuer.tokenFor();
    const first = await cached.verify(token);
    first.email = "changed@example.com";
    expect((await cached.verify(token)).email).toBe(user.email);
  });
});
