import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { startBroker, stopBroker } from "@marquee/infra/kafka";
import { createKafka } from "@marquee/events/kafka";
import { callTrpc } from "@marquee/testkit/call-trpc";
import { createTestLog } from "@marquee/testkit/test-log";
import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import { waitFor } from "@marquee/testkit/wait-for";
import {
  newTraceParent,
  readTrace,
  startTestZipkin,
  type ZipkinSpan,
} from "@marquee/testkit/zipkin";
import type { Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceCluster, type ServiceCluster } from "./service-cluster";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";
import { stockEvent as stockEventOn } from "./stock-event";

// One purchase through six services, each its own process sending spans to the test Zipkin, as
// `npm start` runs them. The test plays the browser: it starts one trace (a W3C traceparent) and
// sends it with each click (hold, cart, checkout, pay); from there the services carry it through
// HTTP calls, outbox rows, Kafka headers and notification's delivery rows to the SMTP send.
//
// The services get a database, a Redis index and a Kafka broker of their own: a browser-test
// stack running on the test environment would otherwise be a member of the same consumer groups
// and pick the same outbox and email rows, and its untraced processes would cut the trace.
const PRIVATE = {
  databaseUrl: "postgresql://postgres@127.0.0.1:5432/marquee_trace",
  redisUrl: "redis://127.0.0.1:6379/3",
  broker: {
    // Ports no environment uses (the environments take 9092, 19092, 29092; the outage test 31092),
    // below Linux's ephemeral range (32768 and up), where any outgoing connection may hold them.
    port: 31192,
    controllerPort: 31193,
    dataDir: fileURLToPath(new URL("../../../.data/kafka-trace", import.meta.url)),
  },
};
const root = fileURLToPath(new URL("../../../", import.meta.url));

const SERVICES = ["inventory", "ordering", "payment", "fulfillment", "notification", "catalog"];
type ServiceName = (typeof SERVICES)[number];
const STARTUP_MS = 240_000;
const SAGA = { timeoutMs: 120_000, intervalMs: 250 };
/** Spans leave each process in batches every second; Zipkin has them moments after. */
const TRACE = { timeoutMs: 30_000, intervalMs: 500 };

type Hold = { reservationId: string; seats: Array<{ seatId: string }> };
type OrderView = { orderId: string; status: string };

let issuer: TestIssuer;
let smtp: SmtpSink;
let producer: Producer;
let db: pg.Pool;
let zipkinUrl: string;
const services = {} as Record<ServiceName, ServiceCluster>;

/** The private database with every schema migrated and the topics on the private broker. */
const preparePrivateStack = async (brokers: string[]) => {
  await startBroker({ ...PRIVATE.broker, log: () => undefined });
  const prepared = spawnSync(`${root}node_modules/.bin/tsx`, ["scripts/prepare.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: PRIVATE.databaseUrl, KAFKA_BROKERS: brokers.join(",") },
  });
  if (prepared.status !== 0) throw new Error("preparing the trace test's database failed");
};

beforeAll(async () => {
  const brokers = [`127.0.0.1:${PRIVATE.broker.port}`];
  await preparePrivateStack(brokers);
  const kafka = createKafka({
    clientId: `one-trace-${randomUUID().slice(0, 8)}`,
    brokers,
    log: createTestLog(),
  });
  [zipkinUrl, issuer, smtp] = await Promise.all([
    startTestZipkin(),
    startTestIssuer(),
    startSmtpSink(),
  ]);
  db = new pg.Pool({ connectionString: PRIVATE.databaseUrl, max: 2 });
  producer = kafka.producer();
  await producer.connect();

  const shared = {
    NODE_ENV: "test",
    // Info: the cluster helper knows a service is up from its "ready on" line.
    LOG_LEVEL: "info",
    DATABASE_URL: PRIVATE.databaseUrl,
    REDIS_URL: PRIVATE.redisUrl,
    KAFKA_BROKERS: brokers.join(","),
    IDENTITY_JWKS_URL: issuer.jwksUrl,
    DB_POOL_MAX: "3",
    ZIPKIN_URL: zipkinUrl,
  };
  const start = (name: ServiceName, env: Record<string, string> = {}) =>
    startServiceCluster({
      name,
      processes: 1,
      env: { ...shared, ...env },
      timeoutMs: STARTUP_MS,
    }).then((cluster) => {
      services[name] = cluster;
    });
  await Promise.all([
    start("inventory").then(() =>
      Promise.all([
        start("ordering", { INVENTORY_URL: services.inventory!.url }),
        start("payment", {
          GATEWAY_MIN_LATENCY_MS: "10",
          GATEWAY_MAX_LATENCY_MS: "50",
          INVENTORY_URL: services.inventory!.url,
        }),
      ]),
    ),
    start("fulfillment"),
    start("notification", { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) }),
    start("catalog"),
  ]);
});

afterAll(async () => {
  await Promise.all(Object.values(services).map((service) => service.stop()));
  await producer?.disconnect();
  await db?.end();
  await smtp?.close();
  await issuer?.close();
  await stopBroker(PRIVATE.broker);
});

/** A new event with `seatCount` seats, stocked in inventory. */
const stockEvent = (seatCount: number) => stockEventOn({ producer, db }, seatCount, SAGA);

const serviceOf = (span: ZipkinSpan) => span.localEndpoint?.serviceName ?? "(none)";

/**
 * The spans each service makes at the boundaries a purchase crosses. Catalog's include the hold's
 * own event: its outbox row is written by the batched hold statement, which runs in whichever
 * request's context started the batch, so each row carries its own.
 */
const BOUNDARIES: Record<ServiceName, string[]> = {
  inventory: ["post /trpc/reserve", "inventory.payments payment.payment-succeeded"],
  ordering: ["ordering.payments payment.payment-succeeded"],
  payment: ["post /trpc/pay"],
  fulfillment: ["fulfillment.orders ordering.order-confirmed"],
  notification: ["notification.tickets fulfillment.tickets-issued", "smtp send tickets"],
  catalog: [
    "catalog.seatmap inventory.reservation-created",
    "catalog.seatmap inventory.reservation-confirmed",
  ],
};

const spansByService = (spans: ZipkinSpan[]) => {
  const byService = new Map<string, string[]>();
  for (const span of spans) {
    byService.set(serviceOf(span), [...(byService.get(serviceOf(span)) ?? []), span.name ?? ""]);
  }
  return byService;
};

/** "service: span" for each boundary span the trace does not hold yet. */
const missingBoundaries = (spans: ZipkinSpan[]) => {
  const byService = spansByService(spans);
  return Object.entries(BOUNDARIES).flatMap(([service, names]) =>
    names
      .filter((name) => !byService.get(service)?.includes(name))
      .map((name) => `${service}: ${name}`),
  );
};

describe("tracing a purchase", () => {
  it("makes one purchase one trace, from the click through Kafka to the email, across six services", async () => {
    const { eventId, seatIds } = await stockEvent(2);
    const email = `one-trace-${randomUUID().slice(0, 12)}@example.com`;
    const { token } = await issuer.tokenFor({ role: "customer", email });
    const { traceId, spanId, traceparent } = newTraceParent();
    const click = { token, headers: { traceparent } };

    const hold = await callTrpc<Hold>(
      services.inventory!.url,
      "reserve",
      { eventId, seatIds },
      click,
    );
    if (!hold.ok) throw new Error(`reserve: ${hold.code} ${hold.message}`);
    const cart = await callTrpc<OrderView>(
      services.ordering!.url,
      "addToCart",
      { reservationId: hold.data.reservationId },
      click,
    );
    if (!cart.ok) throw new Error(`addToCart: ${cart.code} ${cart.message}`);
    const { orderId } = cart.data;
    const placed = await callTrpc<OrderView>(
      services.ordering!.url,
      "checkout",
      { orderId },
      click,
    );
    expect(placed).toMatchObject({ ok: true, data: { status: "pending" } });
    const input = {
      orderId,
      idempotencyKey: randomUUID(),
      card: {
        number: "4242 4242 4242 4242",
        expMonth: 12,
        expYear: new Date().getUTCFullYear() + 3,
        cvc: "123",
      },
    };
    // Payment may not have seen order-placed yet (NOT_FOUND); the same key is safe to retry.
    const paid = await waitFor(
      `payment of ${orderId}`,
      async () => {
        const outcome = await callTrpc<{ status: string }>(
          services.payment!.url,
          "pay",
          input,
          click,
        );
        return !outcome.ok && outcome.code === "NOT_FOUND" ? undefined : outcome;
      },
      SAGA,
    );
    expect(paid).toMatchObject({ ok: true, data: { status: "succeeded" } });
    await waitFor("the tickets email", () => smtp.countTo(email) >= 1, SAGA);

    // The trace as Zipkin holds it once every boundary below has arrived there. Each process
    // sends its spans in its own batches a second apart, so the email's send can reach Zipkin
    // before the span of a service that came earlier in the saga.
    const spans = await waitFor(
      `trace ${traceId} in Zipkin at every boundary of the purchase`,
      async () => {
        const found = await readTrace(zipkinUrl, traceId);
        return missingBoundaries(found).length === 0 && found;
      },
      TRACE,
    ).catch(async (error: Error) => {
      const found = await readTrace(zipkinUrl, traceId);
      const seen = [...new Set(found.map((span) => `${serviceOf(span)}: ${span.name}`))];
      throw new Error(
        `${error.message}; missing ${missingBoundaries(found).join(", ")}; ` +
          `the trace holds ${seen.join(", ") || "nothing"}`,
      );
    });

    // Every service that took part is in the one trace, at each boundary it crossed.
    const byService = spansByService(spans);
    expect([...byService.keys()].sort()).toEqual([...SERVICES].sort());
    for (const [service, names] of Object.entries(BOUNDARIES)) {
      expect(byService.get(service), service).toEqual(expect.arrayContaining(names));
    }

    // One tree: every span hangs below the click's context or another span of the trace, so
    // nothing on the way started a trace of its own.
    const ids = new Set([spanId, ...spans.map((span) => span.id)]);
    const orphans = spans.filter((span) => !span.parentId || !ids.has(span.parentId));
    expect(orphans.map((span) => `${serviceOf(span)}: ${span.name}`)).toEqual([]);
  });
});
