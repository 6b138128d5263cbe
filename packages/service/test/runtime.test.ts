import { randomUUID } from "node:crypto";
import { createFixtureDb } from "@marquee/db/fixture";
import { migrate } from "@marquee/db/migrate";
import { EventUpdated } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import { enqueue } from "@marquee/events/outbox";
import { testEnv, testKafkaBrokers } from "@marquee/testkit/test-env";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseConfigSchema, parseConfig } from "../src/config";
import { createLogger } from "../src/logger";
import { createServiceRuntime, type RuntimeConfig } from "../src/runtime";
import { publicProcedure, router } from "../src/trpc";

const schema = "fixture_service_runtime";
const config: RuntimeConfig = {
  ...parseConfig(baseConfigSchema, { NODE_ENV: "test" }),
  LOG_LEVEL: "silent",
  REDIS_URL: testEnv.redisUrl,
  KAFKA_BROKERS: testKafkaBrokers(),
  HOST: "127.0.0.1",
  PORT: 0,
  IDENTITY_JWKS_URL: "http://127.0.0.1:1/.well-known/jwks.json",
  JWT_ISSUER: "marquee-identity",
  JWT_AUDIENCE: "marquee",
};

const note = () =>
  createEvent(EventUpdated, {
    key: randomUUID(),
    correlationId: randomUUID(),
    data: {
      eventId: randomUUID(),
      name: "written while stopping",
      startsAt: new Date().toISOString(),
      timeZone: "Europe/Amsterdam",
      status: "draft",
      holdTtlSeconds: 900,
    },
  });

beforeAll(async () => {
  const admin = createFixtureDb({ url: testEnv.databaseUrl, schema: "public" });
  await admin.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.$disconnect();
  await migrate({
    url: testEnv.databaseUrl,
    targets: [{ name: "fixture", schema }],
    log: () => undefined,
  });
}, 60_000);

const inspector = createFixtureDb({ url: testEnv.databaseUrl, schema });
afterAll(() => inspector.$disconnect());

describe("service runtime", () => {
  it("reports Postgres, Redis and Kafka on /readyz, and on stop drains what its workers wrote while stopping", async () => {
    const db = createFixtureDb({ url: testEnv.databaseUrl, schema });
    const runtime = createServiceRuntime({
      name: "runtime-test",
      config,
      db,
      logger: createLogger({ name: "runtime-test", level: "silent" }),
      groupPrefix: `runtime-test-${randomUUID()}`,
    });
    const event = note();
    const service = runtime.serve({
      router: router({ ping: publicProcedure.query(() => "pong") }),
      handleSignals: false,
      // A worker that still writes to the outbox while it stops, as inventory's expiry worker can.
      stopFirst: [() => db.$transaction((tx) => enqueue(tx, event))],
    });
    const address = await service.start();

    // Redis and the Kafka probe connect in the background: ready once both have.
    const report = await waitFor("the runtime to report ready", async () => {
      const ready = await fetch(`${address}/readyz`);
      return ready.status === 200
        ? ((await ready.json()) as { checks: Record<string, { status: string }> })
        : undefined;
    });
    expect(Object.keys(report.checks).sort()).toEqual(["kafka", "postgres", "redis"]);
    expect(Object.values(report.checks).every((check) => check.status === "ok")).toBe(true);

    await service.stop();

    const row = await inspector.outboxMessage.findUnique({ where: { id: event.id } });
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(runtime.redis.status).toBe("end");
  }, 60_000);
});
