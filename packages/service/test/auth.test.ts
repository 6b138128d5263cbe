import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  adminProcedure,
  assertOwnerOrAdmin,
  authedProcedure,
  bearerToken,
  createTokenVerifier,
} from "../src/auth";
import { createService, type Service } from "../src/server";
import { publicProcedure, router } from "../src/trpc";
import { createCapturedLogger } from "./log-capture";

// Orders as a stand-in for any per-user data: the owner id is the customer's token subject.
const orders = new Map<string, { ownerId: string }>();

const protectedRouter = router({
  open: publicProcedure.query(() => "anyone"),
  me: authedProcedure.query(({ ctx }) => ctx.user),
  stats: adminProcedure.query(({ ctx }) => ({ admin: ctx.user.email })),
  order: authedProcedure.input(z.object({ id: z.string() })).query(({ ctx, input }) => {
    const order = orders.get(input.id);
    if (!order) throw new Error("no such order");
    assertOwnerOrAdmin(ctx.user, order.ownerId);
    return { id: input.id };
  }),
});

type Reply = { result?: { data: unknown }; error?: { message: string; data: { code: string } } };

let issuer: TestIssuer;
let service: Service;
let base: string;
const { logger, lines } = createCapturedLogger("protected");

const call = async (path: string, token?: string, input?: unknown) => {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${base}/trpc/${path}${query}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as Reply };
};

beforeAll(async () => {
  issuer = await startTestIssuer();
  service = createService({
    name: "protected",
    port: 0,
    host: "127.0.0.1",
    logger,
    router: protectedRouter,
    verifier: createTokenVerifier({
      jwksUrl: issuer.jwksUrl,
      issuer: issuer.issuer,
      audience: issuer.audience,
    }),
    readiness: {},
    onShutdown: [],
    handleSignals: false,
  });
  base = await service.start();
});

afterAll(async () => {
  await service.stop();
  await issuer.close();
});

describe("authedProcedure and adminProcedure", () => {
  it("hands the verified user to the handler", async () => {
    const { token, user } = await issuer.tokenFor({ name: "Ada" });
    const { status, body } = await call("me", token);
    expect(status).toBe(200);
    expect(body.result?.data).toEqual(user);
  });

  it("answers UNAUTHORIZED without a bearer token, and leaves public procedures open", async () => {
    expect((await call("me")).body.error?.data.code).toBe("UNAUTHORIZED");
    expect((await call("open")).body.result?.data).toBe("anyone");
  });

  it("accepts a guest token on an authenticated procedure", async () => {
    const { token } = await issuer.tokenFor({ role: "guest" });
    expect((await call("me", token)).body.result?.data).toMatchObject({ role: "guest" });
  });

  it("refuses a customer on an admin procedure with FORBIDDEN and lets an admin through", async () => {
    const customer = await issuer.tokenFor({ role: "customer" });
    const { status, body } = await call("stats", customer.token);
    expect(status).toBe(403);
    expect(body.error?.data.code).toBe("FORBIDDEN");
    const admin = await issuer.tokenFor({ role: "admin", email: "boss@example.com" });
    expect((await call("stats", admin.token)).body.result?.data).toEqual({
      admin: "boss@example.com",
    });
  });

  it("refuses user A reading user B's order, and lets the owner and an admin read it", async () => {
    const a = await issuer.tokenFor();
    const b = await issuer.tokenFor();
    const admin = await issuer.tokenFor({ role: "admin" });
    orders.set("order-b", { ownerId: b.user.id });
    expect((await call("order", a.token, { id: "order-b" })).body.error?.data.code).toBe(
      "FORBIDDEN",
    );
    expect((await call("order", b.token, { id: "order-b" })).body.result?.data).toEqual({
      id: "order-b",
    });
    expect((await call("order", admin.token, { id: "order-b" })).body.result?.data).toEqual({
      id: "order-b",
    });
  });

  it("rejects a token signed by a key the JWKS does not hold, even under a known kid", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT({ email: "x@example.com", role: "admin", name: "X" })
      .setProtectedHeader({ alg: "ES256", kid: issuer.kid })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setSubject("someone")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    const { status, body } = await call("me", forged);
    expect(status).toBe(401);
    expect(body.error?.message).toBe("invalid token");
  });

  it("never logs the bearer token", async () => {
    const { token } = await issuer.tokenFor();
    await call("me", token);
    await call("stats", token);
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});

describe("createTokenVerifier", () => {
  it("reports an unreachable JWKS as unavailable, not as a bad token", async () => {
    const verifier = createTokenVerifier({
      jwksUrl: "http://127.0.0.1:1/.well-known/jwks.json",
      issuer: "marquee-identity",
      audience: "marquee",
    });
    const { token } = await issuer.tokenFor();
    await expect(verifier.verify(token)).rejects.toMatchObject({ reason: "unavailable" });
  });

  it("rejects an HS256 token whose secret is the published public key", async () => {
    const { publicKey } = await generateKeyPair("ES256", { extractable: true });
    const secret = new TextEncoder().encode(JSON.stringify(await exportJWK(publicKey)));
    const token = await new SignJWT({ email: "x@example.com", role: "admin", name: "X" })
      .setProtectedHeader({ alg: "HS256", kid: issuer.kid })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setSubject("x")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(secret);
    const verifier = createTokenVerifier({
      jwksUrl: issuer.jwksUrl,
      issuer: issuer.issuer,
      audience: issuer.audience,
    });
    await expect(verifier.verify(token)).rejects.toMatchObject({ reason: "invalid" });
  });
});

describe("bearerToken", () => {
  it("reads only a well-formed Bearer header", () => {
    expect(bearerToken("Bearer abc.def.ghi")).toBe("abc.def.ghi");
    expect(bearerToken("bearer abc")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
