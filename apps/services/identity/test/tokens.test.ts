import { importJWK, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  jwksUrlOf,
  newKey,
  publicOnly,
  register,
  startIdentity,
  startProtectedService,
  trpc,
  type RunningIdentity,
} from "./harness";

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A token signed with `key` (identity's own, unless a test says otherwise), claims overridable. */
const sign = async (
  key: JWK,
  claims: { iss?: string; aud?: string; exp?: number; sub?: string; role?: string } = {},
) => {
  const now = Math.floor(Date.now() / 1_000);
  return new SignJWT({ email: "mallory@example.com", role: claims.role ?? "customer", name: "M" })
    .setProtectedHeader({ alg: "ES256", kid: key.kid ?? "unknown" })
    .setIssuer(claims.iss ?? "marquee-identity")
    .setAudience(claims.aud ?? "marquee")
    .setSubject(claims.sub ?? "5d3c4d5e-0000-4000-8000-000000000000")
    .setIssuedAt(now - 10)
    .setExpirationTime(claims.exp ?? now + 600)
    .sign(await importJWK(key, "ES256"));
};

describe("tokens verified by another service through identity's JWKS", () => {
  let identityKey: JWK;
  let identity: RunningIdentity;
  let orders: Awaited<ReturnType<typeof startProtectedService>>;

  beforeAll(async () => {
    identityKey = await newKey();
    identity = await startIdentity({
      keys: [identityKey],
      env: { LOGIN_MAX_FAILURES_PER_IP: "1000" },
    });
    orders = await startProtectedService(jwksUrlOf(identity));
  });
  afterAll(async () => {
    await orders.stop();
    await identity.stop();
  });

  const whoami = (token: string) => trpc(orders.base, "whoami", { token, query: true });

  it("publishes only public keys, with kid, alg and use", async () => {
    const response = await fetch(jwksUrlOf(identity));
    const jwks = (await response.json()) as { keys: JWK[] };
    expect(jwks.keys).toEqual([{ ...publicOnly(identityKey), alg: "ES256", use: "sig" }]);
    expect(JSON.stringify(jwks)).not.toContain(identityKey.d);
  });

  it("accepts a token signed with identity's key as it is", async () => {
    const reply = await whoami(await sign(identityKey));
    expect(reply.data).toMatchObject({ email: "mallory@example.com", role: "customer" });
  });

  it("rejects a token whose payload was changed after signing", async () => {
    const { accessToken } = await register(identity.base);
    const [header, payload, signature] = accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as object;
    const forged = `${header}.${base64url({ ...claims, role: "admin" })}.${signature}`;
    const reply = await trpc(orders.base, "adminReport", { token: forged, query: true });
    expect(reply.status).toBe(401);
    expect(reply.error?.message).toBe("invalid token");
  });

  it("rejects an unsigned token (alg none)", async () => {
    const now = Math.floor(Date.now() / 1_000);
    const unsigned = `${base64url({ alg: "none", kid: identityKey.kid })}.${base64url({
      iss: "marquee-identity",
      aud: "marquee",
      sub: "x",
      email: "x@example.com",
      role: "admin",
      name: "X",
      iat: now,
      exp: now + 600,
    })}.`;
    expect((await whoami(unsigned)).error?.data.code).toBe("UNAUTHORIZED");
  });

  it("rejects a token from a key identity never published", async () => {
    const reply = await whoami(await sign(await newKey()));
    expect(reply.error?.data.code).toBe("UNAUTHORIZED");
  });

  it("rejects a token signed by another key under identity's kid", async () => {
    const other = await newKey();
    const reply = await whoami(await sign({ ...other, kid: identityKey.kid }));
    expect(reply.error?.message).toBe("invalid token");
  });

  it("rejects an expired token", async () => {
    const reply = await whoami(
      await sign(identityKey, { exp: Math.floor(Date.now() / 1_000) - 60 }),
    );
    expect(reply.status).toBe(401);
    expect(reply.error?.message).toBe("token expired");
  });

  it("rejects a token for another audience", async () => {
    expect((await whoami(await sign(identityKey, { aud: "someone-else" }))).error?.message).toBe(
      "invalid token",
    );
  });

  it("rejects a token from another issuer", async () => {
    expect((await whoami(await sign(identityKey, { iss: "evil-identity" }))).error?.message).toBe(
      "invalid token",
    );
  });

  it("rejects a token with a role it does not know", async () => {
    expect((await whoami(await sign(identityKey, { role: "superuser" }))).error?.message).toBe(
      "invalid token",
    );
  });

  it("refuses a customer on an admin procedure with FORBIDDEN", async () => {
    const { accessToken } = await register(identity.base);
    const reply = await trpc(orders.base, "adminReport", { token: accessToken, query: true });
    expect(reply.status).toBe(403);
    expect(reply.error?.data.code).toBe("FORBIDDEN");
  });

  it("lets a customer read their own order and refuses another customer", async () => {
    const a = await register(identity.base);
    const b = await register(identity.base);
    const placed = await trpc<{ id: string }>(orders.base, "placeOrder", { token: b.accessToken });
    const input = { id: placed.data?.id };
    const byOwner = await trpc(orders.base, "order", { token: b.accessToken, query: true, input });
    expect(byOwner.data).toEqual(input);
    const byOther = await trpc(orders.base, "order", { token: a.accessToken, query: true, input });
    expect(byOther.status).toBe(403);
    expect(byOther.error?.data.code).toBe("FORBIDDEN");
  });
});

describe("key rotation", () => {
  it("keeps old tokens valid while the old key is listed, and refuses them once it is retired", async () => {
    const oldKey = await newKey();
    const newerKey = await newKey();
    const env = { LOGIN_MAX_FAILURES_PER_IP: "1000" };

    let identity = await startIdentity({ keys: [oldKey], env });
    const port = Number(new URL(identity.base).port);
    // Re-fetch the JWKS on every verification so each phase sees identity's current keys at once;
    // the default cache (10 minutes) only delays when a retired key stops working.
    const orders = await startProtectedService(jwksUrlOf(identity), {
      cacheMaxAgeMs: 0,
      cooldownMs: 0,
    });
    try {
      // The protected service sees the account that signed in, by its id (the token's subject).
      const callerOf = async (token: string) =>
        (await trpc(orders.base, "whoami", { token, query: true })).data;
      const before = await register(identity.base);
      const account = { id: before.user.id, email: before.email, role: "customer" };
      expect(await callerOf(before.accessToken)).toMatchObject(account);

      // Rotate: the new key signs, the old one (public part only) still verifies.
      await identity.stop();
      identity = await startIdentity({ keys: [newerKey, publicOnly(oldKey)], env, port });
      const after = await trpc<{ accessToken: string }>(identity.base, "login", {
        input: { email: before.email, password: before.password },
      });
      const afterToken = after.data?.accessToken ?? "";
      const header = JSON.parse(
        Buffer.from(afterToken.split(".")[0] ?? "", "base64url").toString(),
      ) as {
        kid: string;
      };
      expect(header.kid).toBe(newerKey.kid);
      expect(await callerOf(afterToken)).toMatchObject(account);
      expect(await callerOf(before.accessToken)).toMatchObject(account);

      // Retire the old key: its tokens stop verifying, the new key's keep working.
      await identity.stop();
      identity = await startIdentity({ keys: [newerKey], env, port });
      const retired = await trpc(orders.base, "whoami", { token: before.accessToken, query: true });
      expect(retired.error?.data.code).toBe("UNAUTHORIZED");
      expect(await callerOf(afterToken)).toMatchObject(account);
    } finally {
      await orders.stop();
      await identity.stop();
    }
  });
});
