import { randomUUID } from "node:crypto";
import { createTRPCClient, httpBatchLink, httpLink } from "@trpc/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedis, closeRedis } from "../src/redis";
import { redisCheck, type ReadinessReport } from "../src/readiness";
import { createService, type Service, type ServiceOptions } from "../src/server";
import { createCapturedLogger } from "./log-capture";
import { testRouter } from "./test-router";

type TestService = {
  service: Service;
  base: string;
  lines: ReturnType<typeof createCapturedLogger>["lines"];
};

const running: Service[] = [];

const startTestService = async (
  overrides: Partial<ServiceOptions<typeof testRouter>> = {},
): Promise<TestService> => {
  const { logger, lines } = createCapturedLogger();
  const service = createService({
    name: "test-service",
    port: 0,
    host: "127.0.0.1",
    logger,
    router: testRouter,
    readiness: {},
    onShutdown: [],
    handleSignals: false,
    ...overrides,
  });
  running.push(service);
  const base = await service.start();
  return { service, base, lines };
};

afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((service) => service.stop()));
});

describe("probes", () => {
  const { logger: silent } = createCapturedLogger("redis");
  const liveRedis = createRedis("redis://127.0.0.1:6379", silent);
  const deadRedis = createRedis("redis://127.0.0.1:1", silent);

  beforeAll(async () => {
    await liveRedis.ping();
  });
  afterAll(async () => {
    await closeRedis(liveRedis);
    await closeRedis(deadRedis);
  });

  it("answers /healthz with 200 while the process is alive", async () => {
    const { base } = await startTestService();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers /readyz with 200 and each check's status when every check passes", async () => {
    const { base } = await startTestService({ readiness: { redis: redisCheck(liveRedis) } });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ready",
      failing: [],
      checks: { redis: { status: "ok" } },
    });
  });

  it("answers /readyz with 503 naming the failing check", async () => {
    const { base, lines } = await startTestService({
      readiness: { redis: redisCheck(liveRedis), cache: redisCheck(deadRedis) },
    });
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as ReadinessReport;
    expect(body.failing).toEqual(["cache"]);
    expect(body.checks.redis?.status).toBe("ok");
    const cache = body.checks.cache;
    expect(cache?.status).toBe("failing");
    expect(cache?.status === "failing" && cache.error).toMatch(
      /^redis connection is (connecting|reconnecting)$/,
    );
    expect(lines.some((line) => line.msg === 'readiness check "cache" failing')).toBe(true);
  });

  it("fails a check that hangs once the timeout passes, without waiting for it", async () => {
    const { base } = await startTestService({
      readinessTimeoutMs: 200,
      readiness: { stuck: () => new Promise(() => undefined) },
    });
    const startedAt = Date.now();
    const response = await fetch(`${base}/readyz`);
    expect(Date.now() - startedAt).toBeLessThan(1_500);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      failing: ["stuck"],
      checks: { stuck: { status: "failing", error: "timed out after 200 ms" } },
    });
  });

  it("exposes the request duration histogram on /metrics after a request", async () => {
    const { base } = await startTestService();
    await fetch(`${base}/healthz`);
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain("# TYPE http_request_duration_seconds histogram");
    expect(text).toMatch(
      /http_request_duration_seconds_count\{service="test-service",route="\/healthz",method="GET",status="200"\} 1\n/,
    );
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("labels unknown URLs as unmatched instead of by their raw path", async () => {
    const { base } = await startTestService();
    await fetch(`${base}/no/such/page/123`);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/route="unmatched",method="GET",status="404"/);
    expect(text).not.toContain("/no/such/page");
  });
});

describe("correlation id", () => {
  it("echoes the caller's x-correlation-id and hands it to the procedure and its logs", async () => {
    const { base, lines } = await startTestService();
    const response = await fetch(`${base}/trpc/whoCalled`, {
      headers: { "x-correlation-id": "checkout-7f3a" },
    });
    expect(response.headers.get("x-correlation-id")).toBe("checkout-7f3a");
    expect(await response.json()).toEqual({ result: { data: { correlationId: "checkout-7f3a" } } });
    const handled = lines.find((line) => line.msg === "whoCalled handled");
    expect(handled?.correlationId).toBe("checkout-7f3a");
  });

  it("generates a uuid when the caller sends none", async () => {
    const { base } = await startTestService();
    const response = await fetch(`${base}/trpc/whoCalled`);
    const generated = response.headers.get("x-correlation-id");
    expect(generated).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(await response.json()).toEqual({ result: { data: { correlationId: generated } } });
  });

  it("replaces an id that could break a log line", async () => {
    const { base } = await startTestService();
    const response = await fetch(`${base}/healthz`, {
      headers: { "x-correlation-id": 'abc" injected=1' },
    });
    expect(response.headers.get("x-correlation-id")).not.toContain("injected");
    expect(response.headers.get("x-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("tRPC errors", () => {
  type ErrorBody = {
    error: {
      message: string;
      data: {
        code: string;
        httpStatus: number;
        stack?: string;
        zodError: { fieldErrors: Record<string, string[]> } | null;
      };
    };
  };

  const post = (base: string, path: string, body: unknown) =>
    fetch(`${base}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("accepts valid input", async () => {
    const { base } = await startTestService();
    const response = await post(base, "bookSeats", {
      eventId: "6f1c2b1e-8a5d-4c9e-9f3a-2b7d4e6a1c0f",
      seats: [{ id: "A-1" }],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: { data: { booked: 1 } } });
  });

  it("rejects bad input with 400 and a message naming each offending field", async () => {
    const { base } = await startTestService();
    const response = await post(base, "bookSeats", { eventId: "not-a-uuid", seats: [{ id: "" }] });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.data.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^Invalid input: /);
    expect(error.message).toContain("eventId: Invalid UUID");
    expect(error.message).toContain("seats[0].id:");
    expect(error.data.zodError?.fieldErrors).toHaveProperty("eventId");
  });

  it("maps a TRPCError to its HTTP status and keeps its message", async () => {
    const { base } = await startTestService();
    const response = await fetch(`${base}/trpc/notYours`);
    expect(response.status).toBe(403);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.message).toBe("this order belongs to someone else");
    expect(error.data.zodError).toBeNull();
  });

  it("answers an unexpected error with a bare 500 and logs the stack under the correlation id", async () => {
    const { base, lines } = await startTestService();
    const response = await fetch(`${base}/trpc/explode`, {
      headers: { "x-correlation-id": "boom-1" },
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("10.1.2.3");
    expect(text).not.toContain("marquee_admin");
    const { error } = JSON.parse(text) as ErrorBody;
    expect(error.message).toBe("Internal server error");
    expect(error.data.stack).toBeUndefined();

    const logged = lines.find((line) => line.msg === "procedure failed");
    expect(logged?.correlationId).toBe("boom-1");
    expect((logged?.err as { stack?: string } | undefined)?.stack).toContain(
      "ECONNREFUSED 10.1.2.3",
    );
  });
});

describe("tRPC over HTTP (trpc-http.ts)", () => {
  type Answer = { result?: { data: unknown }; error?: { message: string; data: { code: string } } };

  it("answers a batch call by call, with 207 when the calls end differently", async () => {
    const { base } = await startTestService();
    const input = encodeURIComponent(JSON.stringify({}));
    const response = await fetch(`${base}/trpc/whoCalled,notYours?batch=1&input=${input}`, {
      headers: { "x-correlation-id": "batch-1" },
    });
    expect(response.status).toBe(207);
    const answers = (await response.json()) as Answer[];
    expect(answers[0]?.result?.data).toEqual({ correlationId: "batch-1" });
    expect(answers[1]?.error?.data.code).toBe("FORBIDDEN");
  });

  it("serves the tRPC client's batching and single-call links", async () => {
    const { base } = await startTestService();
    for (const link of [httpBatchLink, httpLink]) {
      const client = createTRPCClient<typeof testRouter>({
        links: [link({ url: `${base}/trpc` })],
      });
      const [who, booked] = await Promise.all([
        client.whoCalled.query(),
        client.bookSeats.mutate({ eventId: randomUUID(), seats: [{ id: "A-1" }, { id: "A-2" }] }),
      ]);
      expect(who.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(booked).toEqual({ booked: 2 });
      await expect(client.notYours.query()).rejects.toMatchObject({
        message: "this order belongs to someone else",
        data: { code: "FORBIDDEN", httpStatus: 403 },
      });
    }
  });

  it("refuses a query sent as a POST and a mutation sent as a GET with 405, naming the path", async () => {
    const { base } = await startTestService();
    const asPost = await fetch(`${base}/trpc/whoCalled`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(asPost.status).toBe(405);
    expect(((await asPost.json()) as Answer).error?.message).toContain('"whoCalled"');
    const asGet = await fetch(`${base}/trpc/bookSeats`);
    expect(asGet.status).toBe(405);
  });

  it("answers an unknown procedure with 404 naming it", async () => {
    const { base } = await startTestService();
    const response = await fetch(`${base}/trpc/noSuchThing`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as Answer).error?.message).toBe(
      'No procedure found on path "noSuchThing"',
    );
  });

  it("answers a body that is not JSON, or one without a content type, with a 4xx and no 500", async () => {
    const { base } = await startTestService();
    const broken = await fetch(`${base}/trpc/bookSeats`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"eventId":',
    });
    expect(broken.status).toBe(400);
    const brokenAnswer = (await broken.json()) as Answer;
    expect(brokenAnswer.error?.data.code).toBe("BAD_REQUEST");
    expect(brokenAnswer.error?.message).toMatch(/^Invalid input: the request body is not JSON/);
    const untyped = await fetch(`${base}/trpc/bookSeats`, { method: "POST" });
    expect(untyped.status).toBe(415);
    expect(((await untyped.json()) as Answer).error?.message).toBe("Missing content-type header");
  });

  it("refuses a streamed batch with a message saying how to call instead", async () => {
    const { base } = await startTestService();
    const response = await fetch(`${base}/trpc/whoCalled?batch=1&input=%7B%7D`, {
      headers: { "trpc-accept": "application/jsonl" },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Answer).error?.message).toContain("not served here");
  });
});

describe("stop", () => {
  it("closes the server first, then runs the shutdown hooks in order", async () => {
    const calls: string[] = [];
    let serverListeningDuringHooks: boolean | undefined;
    const { service, base } = await startTestService({
      onShutdown: [
        () => {
          serverListeningDuringHooks = service.app.server.listening;
          calls.push("stop consumers");
        },
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          calls.push("flush outbox relay");
        },
        () => {
          calls.push("close redis");
        },
      ],
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    await service.stop();

    expect(calls).toEqual(["stop consumers", "flush outbox relay", "close redis"]);
    expect(serverListeningDuringHooks).toBe(false);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it("still runs later hooks when one fails, and reports the failure", async () => {
    const calls: string[] = [];
    const { service } = await startTestService({
      onShutdown: [
        () => Promise.reject(new Error("consumer would not stop")),
        () => {
          calls.push("close redis");
        },
      ],
    });
    await expect(service.stop()).rejects.toThrow("shutdown hooks failed");
    expect(calls).toEqual(["close redis"]);
  });

  it("runs the hooks once even when stop is called twice", async () => {
    let runs = 0;
    const { service } = await startTestService({ onShutdown: [() => void runs++] });
    await Promise.all([service.stop(), service.stop()]);
    expect(runs).toBe(1);
  });
});
