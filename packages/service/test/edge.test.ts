import { randomUUID } from "node:crypto";
import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import { waitFor } from "@marquee/testkit/wait-for";
import { z } from "zod";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { authedProcedure } from "../src/auth";
import { createTokenVerifier } from "../src/auth-token";
import { DEFAULT_EDGE_LIMITS, type EdgeLimits } from "../src/edge";
import { MAX_INPUT_DEPTH } from "../src/input-guard";
import { closeRedis, createRedis } from "../src/redis";
import { createService, type Service, type ServiceOptions } from "../src/server";
import { publicProcedure, router } from "../src/trpc";
import { createCapturedLogger } from "./log-capture";

const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/1";

const edgeRouter = router({
  search: publicProcedure
    .input(z.object({ query: z.string(), tags: z.array(z.string()).optional() }))
    .query(({ input }) => ({ found: input.query.length })),
  rename: publicProcedure
    .input(z.object({ name: z.string().max(200) }))
    .mutation(({ input }) => ({ name: input.name })),
  /** Takes anything, so only the guard stands between odd input and the procedure. */
  store: publicProcedure.input(z.unknown()).mutation(() => ({ stored: true })),
  whereFrom: publicProcedure.query(({ ctx }) => ({ ip: ctx.req.ip })),
  hold: authedProcedure.mutation(({ ctx }) => ({ heldBy: ctx.user.id })),
  /** No input, as identity's resendVerification: tRPC's client posts it without a body. */
  ping: publicProcedure.mutation(() => ({ pong: true })),
});

type Reply = {
  status: number;
  headers: Headers;
  body: {
    result?: { data: unknown };
    error?: { message: string; data: { code: string; httpStatus: number } };
  } & Array<{ result?: { data: unknown }; error?: { message: string; data: { code: string } } }>;
  text: string;
};

const call = async (url: string, init: RequestInit = {}): Promise<Reply> => {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as Reply["body"],
    text,
  };
};

const post = (base: string, path: string, input: unknown, headers: Record<string, string> = {}) =>
  call(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });

const get = (base: string, path: string, input: unknown, headers: Record<string, string> = {}) =>
  call(
    `${base}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
    { headers },
  );

const running: Service[] = [];
const start = async (overrides: Partial<ServiceOptions<typeof edgeRouter>> = {}) => {
  const { logger, lines } = createCapturedLogger();
  const service = createService({
    name: `edge-${randomUUID().slice(0, 8)}`,
    port: 0,
    host: "127.0.0.1",
    logger,
    router: edgeRouter,
    readiness: {},
    onShutdown: [],
    handleSignals: false,
    ...overrides,
  });
  running.push(service);
  return { base: await service.start(), lines, service };
};

afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((service) => service.stop()));
});

describe("odd strings in any input", () => {
  it("refuses a NUL in a mutation's field with a 400 naming the field", async () => {
    const { base } = await start();
    const reply = await post(base, "rename", { name: "Main\u0000Hall" });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toBe("Invalid input: name: contains a NUL character");
    expect(reply.body.error?.data.code).toBe("BAD_REQUEST");
    expect((await post(base, "rename", { name: "Main Hall" })).status).toBe(200);
  });

  it("refuses lone surrogates, high or low, in a query's ?input= and inside arrays", async () => {
    const { base } = await start();
    const high = await get(base, "search", { query: "ok", tags: ["fine", "bad\uD800"] });
    expect(high.status).toBe(400);
    expect(high.body.error?.message).toBe(
      "Invalid input: tags[1]: contains a lone UTF-16 surrogate (not valid Unicode)",
    );
    const low = await get(base, "search", { query: "\uDC00x" });
    expect(low.body.error?.message).toMatch(/^Invalid input: query: contains a lone UTF-16/);
    // A proper pair (an emoji) is fine.
    expect((await get(base, "search", { query: "seat \uD83C\uDFAB" })).status).toBe(200);
  });

  it("lets a mutation without input through with an empty body, and refuses one that needs input", async () => {
    const { base } = await start();
    const empty = { method: "POST", headers: { "content-type": "application/json" } };
    const ping = await call(`${base}/trpc/ping`, empty);
    expect(ping.status).toBe(200);
    expect(ping.body.result?.data).toEqual({ pong: true });
    const rename = await call(`${base}/trpc/rename`, empty);
    expect(rename.status).toBe(400);
    expect(rename.text).not.toMatch(/at .*\(|node_modules/);
  });

  it("checks every call of a batch on its own", async () => {
    const { base } = await start();
    const reply = await call(`${base}/trpc/rename,rename?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ 0: { name: "fine" }, 1: { name: "x\u0000" } }),
    });
    expect(reply.body[0]?.result?.data).toEqual({ name: "fine" });
    expect(reply.body[1]?.error?.message).toBe("Invalid input: name: contains a NUL character");
    expect(reply.body[1]?.error?.data.code).toBe("BAD_REQUEST");
  });

  it("refuses odd keys and absurd nesting even where the schema accepts anything", async () => {
    const { base } = await start();
    const key = await post(base, "store", { layout: { "row\u0000": 1 } });
    expect(key.status).toBe(400);
    expect(key.body.error?.message).toBe("Invalid input: layout: a key contains a NUL character");

    let deep: unknown = "bottom";
    for (let level = 0; level < MAX_INPUT_DEPTH + 5; level += 1) deep = [deep];
    const nested = await post(base, "store", deep);
    expect(nested.status).toBe(400);
    expect(nested.body.error?.message).toMatch(
      new RegExp(`^Invalid input: (\\[0\\])+: nested deeper than ${MAX_INPUT_DEPTH} levels$`),
    );

    const fine = await post(base, "store", { __proto__: { admin: true }, constructor: "x" });
    expect(fine.status).toBe(200);
  });
});

describe("no internals in any response", () => {
  it("answers a malformed JSON body with a 400 in tRPC's shape", async () => {
    const { base } = await start();
    const reply = await call(`${base}/trpc/rename`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"name": "unterminated',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.data.code).toBe("BAD_REQUEST");
    expect(reply.body.error?.message).toMatch(
      /^Invalid input: the request body is not JSON \(Unterminated string in JSON at position 22/,
    );
    expect(reply.text).not.toMatch(/node_modules|\/src\/|at .*\(/);
  });

  it("answers a body over Fastify's limit with a 413 in tRPC's shape", async () => {
    const { base } = await start();
    const reply = await post(base, "rename", { name: "x".repeat(1_100_000) });
    expect(reply.status).toBe(413);
    expect(reply.body.error?.data).toEqual({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413 });
  });

  it("answers a failing plain route with a bare 500, its details only in the log", async () => {
    const { base, lines } = await start({
      routes: (app) => {
        app.get("/report", () => {
          throw new Error('relation "bc_catalog.events" does not exist (SELECT * FROM events)');
        });
      },
    });
    const reply = await call(`${base}/report`);
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({
      statusCode: 500,
      error: "INTERNAL_SERVER_ERROR",
      message: "Internal server error",
    });
    expect(lines.some((line) => JSON.stringify(line).includes("bc_catalog.events"))).toBe(true);
  });
});

describe("batch size", () => {
  it("serves a batch of 10 calls and refuses 11 with a 400 naming the limit", async () => {
    const { base } = await start();
    const batch = (size: number) =>
      call(
        `${base}/trpc/${Array.from({ length: size }, () => "search").join(",")}?batch=1&input=${encodeURIComponent(
          JSON.stringify(
            Object.fromEntries(Array.from({ length: size }, (_, i) => [i, { query: "a" }])),
          ),
        )}`,
      );
    const ten = await batch(10);
    expect(ten.status).toBe(200);
    expect(ten.body).toHaveLength(10);
    const eleven = await batch(11);
    expect(eleven.status).toBe(400);
    expect(eleven.body.error?.message).toBe(
      "batch: at most 10 calls per request (this one has 11)",
    );
  });

  it("takes its cap from the limits", async () => {
    const { base } = await start({ limits: { ...DEFAULT_EDGE_LIMITS, maxBatchSize: 2 } });
    const reply = await call(`${base}/trpc/whereFrom,whereFrom,whereFrom?batch=1`);
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toMatch(/^batch: at most 2 calls/);
  });
});

describe("client address", () => {
  it("ignores X-Forwarded-For unless the peer is a trusted proxy", async () => {
    const direct = await start();
    const spoofed = await get(direct.base, "whereFrom", undefined, {
      "x-forwarded-for": "203.0.113.7",
    });
    expect(spoofed.body.result?.data).toEqual({ ip: "127.0.0.1" });

    const behindProxy = await start({ trustProxy: ["127.0.0.1"] });
    const forwarded = await get(behindProxy.base, "whereFrom", undefined, {
      "x-forwarded-for": "198.51.100.1, 203.0.113.7",
    });
    // Only the hop the trusted proxy added is believed; what the client wrote before it is not.
    expect(forwarded.body.result?.data).toEqual({ ip: "203.0.113.7" });
  });
});

describe("public mutation rate limit", () => {
  let issuer: TestIssuer;
  const silent = { info: () => undefined, warn: () => undefined };
  const redis = createRedis(TEST_REDIS_URL, silent);

  beforeAll(async () => {
    issuer = await startTestIssuer();
    await redis.ping();
  });
  afterAll(async () => {
    await issuer.close();
    await closeRedis(redis);
  });

  const limited = (name: string, extra: Partial<ServiceOptions<typeof edgeRouter>> = {}) => {
    const limits: EdgeLimits = {
      ...DEFAULT_EDGE_LIMITS,
      publicMutationsPerMinute: 3,
      rateLimitRedis: redis,
    };
    return start({
      name,
      limits,
      verifier: createTokenVerifier({
        jwksUrl: issuer.jwksUrl,
        issuer: issuer.issuer,
        audience: issuer.audience,
      }),
      ...extra,
    });
  };

  it("refuses the fourth anonymous mutation a minute from one address with 429 and Retry-After, across processes", async () => {
    const name = `edge-limit-${randomUUID()}`;
    // Two processes of one service: the count lives in Redis, so they share it.
    const first = await limited(name);
    const second = await limited(name);
    expect((await post(first.base, "rename", { name: "a" })).status).toBe(200);
    expect((await post(second.base, "rename", { name: "b" })).status).toBe(200);
    expect((await post(first.base, "rename", { name: "c" })).status).toBe(200);
    const refused = await post(second.base, "rename", { name: "d" });
    expect(refused.status).toBe(429);
    expect(refused.body.error?.data.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.body.error?.message).toMatch(
      /^too many requests from your address \(at most 3 a minute\); try again in \d+ s$/,
    );
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Queries are not mutations: the seat map keeps loading.
    expect((await get(first.base, "search", { query: "x" })).status).toBe(200);
  });

  it("does not count calls with a valid token, and counts a made-up one", async () => {
    const { base } = await limited(`edge-limit-${randomUUID()}`);
    const { token } = await issuer.tokenFor({ role: "guest" });
    for (let i = 0; i < 6; i += 1) {
      expect((await post(base, "hold", null, { authorization: `Bearer ${token}` })).status).toBe(
        200,
      );
    }
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await post(base, "hold", null, { authorization: "Bearer forged" })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it("counts per client address as the trusted proxy reports it, and ignores the header from anyone else", async () => {
    const proxied = await limited(`edge-limit-${randomUUID()}`, { trustProxy: ["127.0.0.1"] });
    const from = (ip: string) =>
      post(proxied.base, "rename", { name: "n" }, { "x-forwarded-for": ip });
    for (let i = 0; i < 3; i += 1) expect((await from("203.0.113.1")).status).toBe(200);
    expect((await from("203.0.113.1")).status).toBe(429);
    expect((await from("203.0.113.2")).status).toBe(200);

    const direct = await limited(`edge-limit-${randomUUID()}`);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const ip = `203.0.113.${10 + i}`;
      statuses.push(
        (await post(direct.base, "rename", { name: "n" }, { "x-forwarded-for": ip })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe("load shedding", () => {
  it("answers the API with 503 and Retry-After while the heap is over its limit; probes still answer", async () => {
    const { base } = await start({
      limits: {
        ...DEFAULT_EDGE_LIMITS,
        shedding: {
          maxEventLoopDelayMs: 0,
          maxHeapUsedBytes: 1,
          retryAfterSeconds: 7,
          sampleIntervalMs: 10,
        },
      },
    });
    const shed = await waitFor("the service to shed load", async () => {
      const reply = await get(base, "search", { query: "x" });
      return reply.status === 503 ? reply : undefined;
    });
    expect(shed.headers.get("retry-after")).toBe("7");
    expect(shed.body.error?.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(shed.body.error?.message).toMatch(/is overloaded; try again in 7 s$/);
    expect((await post(base, "rename", { name: "x" })).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it("sheds while the event loop lags and serves again once it recovers", async () => {
    const { base } = await start({
      limits: {
        ...DEFAULT_EDGE_LIMITS,
        shedding: {
          maxEventLoopDelayMs: 80,
          maxHeapUsedBytes: 0,
          retryAfterSeconds: 2,
          sampleIntervalMs: 50,
        },
      },
    });
    await waitFor("the service to serve", async () =>
      (await get(base, "search", { query: "x" })).status === 200 ? true : undefined,
    );
    // The service runs in this process: stall its event loop as a CPU-bound request would. One
    // sample then holds this stall and at most five 10 ms ticks, a mean well over 80 ms.
    const until = Date.now() + 1_000;
    while (Date.now() < until) {
      // busy
    }
    const shed = await get(base, "search", { query: "x" });
    expect(shed.status).toBe(503);
    expect(shed.headers.get("retry-after")).toBe("2");
    await waitFor("the service to serve again", async () =>
      (await get(base, "search", { query: "x" })).status === 200 ? true : undefined,
    );
  });
});
