import { randomUUID } from "node:crypto";
import {
  adminProcedure,
  assertOwnerOrAdmin,
  authedProcedure,
  createTokenVerifier,
} from "@marquee/service/auth";
import { createLogger } from "@marquee/service/logger";
import { solveProofOfWork, type ChallengeJson } from "@marquee/service/proof-of-work";
import { createService } from "@marquee/service/server";
import { router } from "@marquee/service/trpc";
import { testEnv, testKafkaBrokers } from "@marquee/testkit/test-env";
import type { JWK } from "jose";
import { z } from "zod";
import { loadConfig } from "../src/config";
import { generateSigningJwk } from "../src/adapters/keys/signing-keys";
import { createIdentityService, JWKS_PATH } from "../src/service";

export type LogLine = Record<string, unknown>;

/** Every JSON line any service in a test file logged, for the "no secrets in logs" checks. */
export const logLines: string[] = [];
const captureLogger = (name: string) =>
  createLogger({
    name,
    level: "debug",
    destination: { write: (line: string) => void logLines.push(line) },
  });

export const newKey = (): Promise<JWK> => generateSigningJwk();
export const publicOnly = ({ kty, crv, x, y, kid }: JWK): JWK => ({ kty, crv, x, y, kid });

export type RunningIdentity = Awaited<ReturnType<typeof createIdentityService>> & { base: string };

/** The real identity service on an ephemeral port against the test database, Redis and Kafka. */
export const startIdentity = async (
  opts: { keys?: JWK[]; env?: Record<string, string>; port?: number } = {},
): Promise<RunningIdentity> => {
  const keys = opts.keys ?? [await newKey()];
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "debug",
    DATABASE_URL: testEnv.databaseUrl,
    REDIS_URL: testEnv.redisUrl,
    KAFKA_BROKERS: testKafkaBrokers().join(","),
    PORT: String(opts.port ?? 0),
    JWT_KEYS: JSON.stringify({ keys }),
    BCRYPT_COST: "10",
    // Every test signs up and checks out from 127.0.0.1: only bots.test.ts tests these limits.
    GUEST_TOKENS_PER_IP: "1000000",
    REGISTRATIONS_PER_IP: "1000000",
    // Cheap challenges keep the tests quick; what is checked does not depend on the difficulty.
    POW_DIFFICULTY: "20",
    ...opts.env,
  });
  const service = await createIdentityService({
    config,
    logger: captureLogger("identity"),
    handleSignals: false,
  });
  const base = await service.start();
  return { ...service, base };
};

export const jwksUrlOf = (identity: { base: string }) => `${identity.base}${JWKS_PATH}`;

export type TrpcReply<T = unknown> = {
  status: number;
  headers: Headers;
  data?: T;
  error?: { message: string; data: { code: string; httpStatus: number; zodError: unknown } };
};

/** One tRPC call over real HTTP: mutations as POST, queries as GET. */
export const trpc = async <T = unknown>(
  base: string,
  path: string,
  opts: { input?: unknown; token?: string; query?: boolean; ip?: string } = {},
): Promise<TrpcReply<T>> => {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.ip) headers["x-forwarded-for"] = opts.ip;
  const query = opts.query ?? false;
  const search =
    query && opts.input !== undefined
      ? `?input=${encodeURIComponent(JSON.stringify(opts.input))}`
      : "";
  const response = await fetch(`${base}/trpc/${path}${search}`, {
    method: query ? "GET" : "POST",
    headers,
    ...(query ? {} : { body: JSON.stringify(opts.input ?? null) }),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: TrpcReply["error"] };
  return {
    status: response.status,
    headers: response.headers,
    ...(body.result ? { data: body.result.data } : {}),
    ...(body.error ? { error: body.error } : {}),
  };
};

export const uniqueEmail = (label = "user") => `${label}-${randomUUID().slice(0, 12)}@example.com`;

export type Session = {
  accessToken: string;
  user: { id: string; email: string; name: string; role: string };
};

export const register = async (
  base: string,
  overrides: Partial<{ email: string; password: string; displayName: string }> = {},
) => {
  const input = {
    email: uniqueEmail(),
    password: "correct horse battery",
    displayName: "Ada Lovelace",
    ...overrides,
  };
  const reply = await trpc(base, "register", { input });
  if (reply.status !== 200) throw new Error(`register failed: ${reply.error?.message}`);
  // Sign-up answers without a token (it must not tell a new address from a taken one).
  const session = await trpc<Session>(base, "login", {
    input: { email: input.email, password: input.password },
  });
  if (!session.data) throw new Error(`login after register failed: ${session.error?.message}`);
  return { ...input, ...session.data };
};

// A stand-in for any other service: it verifies identity's tokens through identity's real JWKS URL.
const orders = new Map<string, string>();
export const protectedRouter = router({
  whoami: authedProcedure.query(({ ctx }) => ctx.user),
  adminReport: adminProcedure.query(() => ({ report: "sales" })),
  placeOrder: authedProcedure.mutation(({ ctx }) => {
    const id = randomUUID();
    orders.set(id, ctx.user.id);
    return { id };
  }),
  order: authedProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => {
    assertOwnerOrAdmin(ctx.user, orders.get(input.id) ?? "");
    return { id: input.id };
  }),
});

export const startProtectedService = async (
  jwksUrl: string,
  verifierOptions: { cacheMaxAgeMs?: number; cooldownMs?: number } = {},
) => {
  const service = createService({
    name: "orders-test",
    port: 0,
    host: "127.0.0.1",
    logger: captureLogger("orders-test"),
    router: protectedRouter,
    verifier: createTokenVerifier({
      jwksUrl,
      issuer: "marquee-identity",
      audience: "marquee",
      ...verifierOptions,
    }),
    readiness: {},
    onShutdown: [],
    handleSignals: false,
  });
  const base = await service.start();
  return { ...service, base };
};

/** A solved proof of work for `purpose`, from identity's own challenge, as the web sends it. */
export const solvedProof = async (
  base: string,
  purpose: "guest" | "sign-in" | "waiting-room" = "guest",
) => {
  const challenge = await trpc<ChallengeJson>(base, "proofOfWorkChallenge", {
    input: { purpose },
    query: true,
  });
  if (!challenge.data) throw new Error(`no challenge: ${challenge.error?.message}`);
  return solveProofOfWork(challenge.data);
};

export type GuestSession = {
  accessToken: string;
  expiresAt: string;
  guest: { id: string; email: string; role: "guest" };
};

/** A guest token the way the web gets one: solve a challenge, then ask with the proof. */
export const guestToken = async (base: string, email: string, opts: { ip?: string } = {}) =>
  trpc<GuestSession>(base, "guestToken", {
    input: { email, proof: await solvedProof(base) },
    ...(opts.ip ? { ip: opts.ip } : {}),
  });
