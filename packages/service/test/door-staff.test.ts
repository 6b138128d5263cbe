import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  adminProcedure,
  assertCanWorkDoor,
  authedProcedure,
  canWorkDoor,
  createTokenVerifier,
  doorProcedure,
  signedInProcedure,
  type AuthUser,
} from "../src/auth";
import { createService, type Service } from "../src/server";
import { publicProcedure, router } from "../src/trpc";
import { createCapturedLogger } from "./log-capture";

const EVENT_A = "3f0c1c1e-8f7a-4c55-9f57-0d7d0c1f0a01";
const EVENT_B = "3f0c1c1e-8f7a-4c55-9f57-0d7d0c1f0a02";

// One procedure of each kind, as a service would have them.
const doorRouter = router({
  open: publicProcedure.query(() => "anyone"),
  me: signedInProcedure.query(({ ctx }) => ctx.user),
  cart: authedProcedure.mutation(() => "cart"),
  stats: adminProcedure.query(() => "stats"),
  checkIn: doorProcedure.input(z.object({ eventId: z.string() })).mutation(({ ctx, input }) => {
    assertCanWorkDoor(ctx.user, input.eventId);
    return { admittedFor: input.eventId };
  }),
});

type Reply = { result?: { data: unknown }; error?: { message: string; data: { code: string } } };

let issuer: TestIssuer;
let service: Service;
let base: string;
const { logger } = createCapturedLogger("door");

const call = async (kind: "query" | "mutation", path: string, token?: string, input?: unknown) => {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response =
    kind === "query"
      ? await fetch(`${base}/trpc/${path}`, { headers })
      : await fetch(`${base}/trpc/${path}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify(input ?? null),
        });
  return { status: response.status, body: (await response.json()) as Reply };
};

beforeAll(async () => {
  issuer = await startTestIssuer();
  service = createService({
    name: "door",
    port: 0,
    host: "127.0.0.1",
    logger,
    router: doorRouter,
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

describe("door staff tokens", () => {
  it("hand the staff's door events to the handler", async () => {
    const { token, user } = await issuer.tokenFor({ role: "staff", doorEvents: [EVENT_A] });
    const { body } = await call("query", "me", token);
    expect(body.result?.data).toEqual(user);
    expect(body.result?.data).toMatchObject({ role: "staff", doorEvents: [EVENT_A] });
  });

  it("drop a doorEvents claim on any role but staff", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" };
    const verifier = createTokenVerifier({
      jwks: { keys: [jwk] },
      issuer: issuer.issuer,
      audience: issuer.audience,
    });
    const token = await new SignJWT({
      email: "c@example.com",
      role: "customer",
      name: "C",
      doorEvents: [EVENT_A],
    })
      .setProtectedHeader({ alg: "ES256", kid: "k1" })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setSubject("customer-1")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    const user = await verifier.verify(token);
    expect(user.role).toBe("customer");
    expect(user).not.toHaveProperty("doorEvents");
    expect(canWorkDoor(user, EVENT_A)).toBe(false);
  });
});

describe("every procedure but the door's refuses door staff", () => {
  it("refuses staff on authed and admin procedures with FORBIDDEN naming the rule", async () => {
    const { token } = await issuer.tokenFor({ role: "staff", doorEvents: [EVENT_A] });
    for (const [kind, path] of [
      ["mutation", "cart"],
      ["query", "stats"],
    ] as const) {
      const { status, body } = await call(kind, path, token);
      expect(status).toBe(403);
      expect(body.error?.data.code).toBe("FORBIDDEN");
      expect(body.error?.message).toBe("door staff can only check tickets in");
    }
  });

  it("still serves customers, guests and admins on authed procedures", async () => {
    for (const role of ["customer", "guest", "admin"] as const) {
      const { token } = await issuer.tokenFor({ role });
      expect((await call("mutation", "cart", token)).body.result?.data).toBe("cart");
    }
  });

  it("lets staff check in for their events only, and admins for any", async () => {
    const staff = await issuer.tokenFor({ role: "staff", doorEvents: [EVENT_A] });
    expect(
      (await call("mutation", "checkIn", staff.token, { eventId: EVENT_A })).body.result?.data,
    ).toEqual({ admittedFor: EVENT_A });
    const other = await call("mutation", "checkIn", staff.token, { eventId: EVENT_B });
    expect(other.status).toBe(403);
    expect(other.body.error?.message).toMatch(/not on the door staff of this event/);

    const admin = await issuer.tokenFor({ role: "admin" });
    expect(
      (await call("mutation", "checkIn", admin.token, { eventId: EVENT_B })).body.result?.data,
    ).toEqual({ admittedFor: EVENT_B });
  });

  it("refuses customers and guests at the door, whatever the event", async () => {
    for (const role of ["customer", "guest"] as const) {
      const { token } = await issuer.tokenFor({ role });
      const { status, body } = await call("mutation", "checkIn", token, { eventId: EVENT_A });
      expect(status).toBe(403);
      expect(body.error?.message).toBe("the door is for organizers and door staff");
    }
  });

  it("refuses staff without door events at every door", async () => {
    const { token } = await issuer.tokenFor({ role: "staff" });
    expect((await call("mutation", "checkIn", token, { eventId: EVENT_A })).status).toBe(403);
  });
});

describe("canWorkDoor", () => {
  const user = (role: AuthUser["role"], doorEvents?: string[]): AuthUser => ({
    id: "u",
    email: "u@example.com",
    role,
    name: "U",
    ...(doorEvents ? { doorEvents } : {}),
  });

  it("is true for admins, for staff on their listed events, and false otherwise", () => {
    expect(canWorkDoor(user("admin"), EVENT_A)).toBe(true);
    expect(canWorkDoor(user("staff", [EVENT_A]), EVENT_A)).toBe(true);
    expect(canWorkDoor(user("staff", [EVENT_A]), EVENT_B)).toBe(false);
    expect(canWorkDoor(user("staff"), EVENT_A)).toBe(false);
    expect(canWorkDoor(user("customer", [EVENT_A]), EVENT_A)).toBe(false);
    expect(canWorkDoor(user("guest", [EVENT_A]), EVENT_A)).toBe(false);
  });
});
