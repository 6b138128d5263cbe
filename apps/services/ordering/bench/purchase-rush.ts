// The purchase rush: BUYERS (default 50) hold a seat each, check out, and then all pay at the same
// moment, against the real inventory, payment, ordering, fulfillment and notification services
// with a real SMTP server in this process. SERVICES_IN=processes (the default) runs each service as
// its own process, as `npm start` does (its bundle, `node --enable-source-maps dist/main.js`,
// PROCESSES=1, the test environment; `npm run bench` builds stale bundles first); SERVICES_IN=process runs all five in this process, on this event loop. Measured
// from database timestamps and the SMTP server's receive time, never by polling:
//   pay answered            the buyer's pay request → its answer (the gateway's 10–50 ms included)
//   pay → order confirmed   card charged (payment settled_at) → ordering's order-confirmed outbox row
//   pay request → confirmed the pay request reaching payment (its row written) → the same row
//   pay → email accepted    card charged (payment settled_at) → tickets email accepted by SMTP
// and where the time goes, hop by hop (each outbox row's commit → relayed to Kafka).
//   npm run bench -- --only purchase-rush
//   BUYERS=50 ROUNDS=2 npx tsx apps/services/ordering/bench/purchase-rush.ts
//   SERVICES_IN=process npx tsx apps/services/ordering/bench/purchase-rush.ts
//   CPU_PROF=payment,inventory npx tsx …   (profiles of those processes in CPU_PROF_DIR)
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { SeatsGenerated } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import { createKafka } from "@marquee/events/kafka";
import { createLogger } from "@marquee/service/logger";
import { callTrpc, type TrpcOutcome } from "@marquee/testkit/call-trpc";
import { startTestIssuer } from "@marquee/testkit/tokens";
import { loadConfig as loadFulfillmentConfig } from "@marquee/fulfillment/config";
import { createFulfillmentService } from "@marquee/fulfillment/service";
import { loadConfig as loadNotificationConfig } from "@marquee/notification/config";
import { createNotificationService } from "@marquee/notification/service";
import { Topics } from "@marquee/events/topics";
import { testEnv, testKafkaBrokers } from "@marquee/testkit/test-env";
import { isolate } from "@marquee/testkit/isolation";
import { serviceTestEnv } from "@marquee/testkit/service-harness";
import { createTestLog } from "@marquee/testkit/test-log";
import { waitFor } from "@marquee/testkit/wait-for";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import {
  consumerLag,
  describeMembers,
  partitionCount,
  PURCHASE_GROUPS,
} from "../../../../packages/scale-test/test/consumer-groups";
import {
  startServiceCluster,
  type ServiceCluster,
} from "../../../../packages/scale-test/test/service-cluster";
import { createDb as createFulfillmentDb } from "../../fulfillment/src/adapters/db/client";
import { createDb as createInventoryDb } from "../../inventory/src/adapters/db/client";
import { createDb as createNotificationDb } from "../../notification/src/adapters/db/client";
import { createDb as createPaymentDb } from "../../payment/src/adapters/db/client";
import { createDb as createOrderingDb } from "../src/adapters/db/client";
import type { OrderView } from "../src/app/order-view";
import { startSaga, VISA_OK, type Customer, type Hold, type SeatSpec } from "../test/harness";

const buyers = Number(process.env.BUYERS ?? 50);
const rounds = Number(process.env.ROUNDS ?? 2);
const level = process.env.TEST_LOG === "1" ? "info" : "silent";
const mode = process.env.SERVICES_IN ?? "processes";
if (mode !== "processes" && mode !== "process") {
  throw new Error(`SERVICES_IN is "processes" (each service its own process) or "process"`);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const summary = (ms: number[]) => {
  const sorted = ms.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(0)} ms`.padStart(8);
  return `p50 ${f(percentile(sorted, 50))} · p95 ${f(percentile(sorted, 95))} · p99 ${f(percentile(sorted, 99))} · max ${f(sorted.at(-1) ?? Number.NaN)}${sorted.length < ms.length ? ` (${ms.length - sorted.length} missing)` : ""}`;
};

/** The machine's CPU time so far (every process, from /proc/stat), busy and in all, in jiffies. */
const machineCpu = (): { busy: number; total: number } => {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
};

/** A real SMTP server that records when it accepted a message for each recipient. */
/** Sums and counts of the messaging histograms on a service's `/metrics`, by series. */
type MetricTotals = Map<string, { sum: number; count: number }>;
const scrapeMessaging = async (url: string): Promise<MetricTotals> => {
  const text = await (await fetch(`${url}/metrics`)).text();
  const totals: MetricTotals = new Map();
  for (const line of text.split("\n")) {
    const cpu = /^process_cpu_seconds_total(?:\{[^}]*\})? (\S+)$/.exec(line);
    if (cpu) totals.set("process_cpu_seconds_total", { sum: Number(cpu[1]), count: 1 });
    const match =
      /^((?:consumer_batch_duration_seconds|consumer_batch_events|outbox_relay_batch_duration_seconds|outbox_relay_batch_rows|outbox_wait_seconds))_(sum|count)(\{[^}]*\})? (\S+)$/.exec(
        line,
      );
    if (!match) continue;
    const labels = (match[3] ?? "").replace(/,?service="[^"]*"/, "").replace(/\{,?/, "{");
    const key = `${match[1]}${labels === "{}" ? "" : labels}`;
    const entry = totals.get(key) ?? { sum: 0, count: 0 };
    entry[match[2] as "sum" | "count"] += Number(match[4]);
    totals.set(key, entry);
  }
  return totals;
};
/** What each service's consumers and relay did between two scrapes: batches, mean size, mean time. */
const describeMessaging = (name: string, before: MetricTotals, after: MetricTotals): string[] => {
  const delta = (key: string) => {
    const a = after.get(key) ?? { sum: 0, count: 0 };
    const b = before.get(key) ?? { sum: 0, count: 0 };
    return { sum: a.sum - b.sum, count: a.count - b.count };
  };
  const lines: string[] = [
    `    ${name.padEnd(13)}CPU ${(1_000 * delta("process_cpu_seconds_total").sum).toFixed(0)} ms`,
  ];
  const relay = delta("outbox_relay_batch_duration_seconds");
  if (relay.count > 0) {
    const rows = delta("outbox_relay_batch_rows");
    const wait = delta("outbox_wait_seconds");
    lines.push(
      `    ${name.padEnd(13)}relay: ${relay.count} batches · ${(rows.sum / rows.count).toFixed(1)} rows · ${((1_000 * relay.sum) / relay.count).toFixed(0)} ms each · oldest row waited ${((1_000 * wait.sum) / wait.count).toFixed(0)} ms (mean)`,
    );
  }
  for (const key of after.keys()) {
    if (!key.startsWith("consumer_batch_duration_seconds{")) continue;
    const time = delta(key);
    if (time.count === 0) continue;
    const events = delta(key.replace("consumer_batch_duration_seconds", "consumer_batch_events"));
    const labels = /group="([^"]+)".*topic="([^"]+)"/.exec(key);
    lines.push(
      `    ${name.padEnd(13)}${labels ? `${labels[1]} ← ${labels[2]}` : key}: ${time.count} batches · ${(events.sum / events.count).toFixed(1)} events · ${((1_000 * time.sum) / time.count).toFixed(0)} ms each`,
    );
  }
  return lines;
};

const startSmtpClock = async () => {
  const acceptedAt = new Map<string, number[]>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        const now = Date.now();
        for (const rcpt of session.envelope.rcptTo) {
          acceptedAt.set(rcpt.address, [...(acceptedAt.get(rcpt.address) ?? []), now]);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    acceptedAt,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

type Dbs = {
  inventory: ReturnType<typeof createInventoryDb>;
  payment: ReturnType<typeof createPaymentDb>;
  ordering: ReturnType<typeof createOrderingDb>;
  fulfillment: ReturnType<typeof createFulfillmentDb>;
  notification: ReturnType<typeof createNotificationDb>;
};
/** The five services, however they run: their databases and the calls a buyer makes. */
type Stack = {
  describe: string;
  db: Dbs;
  /** Each service's base URL, for its `/metrics`. */
  urls: Record<string, string>;
  customer(): Promise<Customer>;
  stockEvent(opts: { seats: number }): Promise<{ eventId: string; seats: SeatSpec[] }>;
  hold(customer: Customer, eventId: string, seatIds: string[]): Promise<Hold>;
  order<T>(customer: Customer, procedure: string, input: unknown): Promise<TrpcOutcome<T>>;
  pay(
    customer: Customer,
    orderId: string,
    card: string,
  ): Promise<TrpcOutcome<{ status: string; paymentId: string }>>;
  stop(): Promise<void>;
};

const smtp = await startSmtpClock();
const brokers = testKafkaBrokers();
const log = createTestLog();

/** All five services in this process (fulfillment and notification on scratch schemas and groups). */
const inThisProcess = async (): Promise<Stack> => {
  const s = await startSaga();
  const shared = serviceTestEnv(s.issuer, { LOG_LEVEL: level });
  // Schemas and consumer groups of their own, so another copy of these services on the test broker
  // (a test running meanwhile) cannot take this run's events.
  const fulfillmentIsolation = await isolate("fulfillment", {
    events: Topics.catalogEvents,
    orders: Topics.orderingOrders,
  });
  const fulfillment = createFulfillmentService(
    loadFulfillmentConfig({
      ...shared,
      TICKET_SIGNING_KEY: "purchase-rush-signing-key-0123456789",
    }),
    {
      handleSignals: false,
      isolation: fulfillmentIsolation,
      logger: createLogger({ name: "fulfillment", level }),
    },
  );
  const fulfillmentUrl = await fulfillment.start();
  const notificationIsolation = await isolate("notification", {
    tickets: Topics.fulfillmentTickets,
    orders: Topics.orderingOrders,
    payments: Topics.paymentPayments,
  });
  // The service's own delivery settings (poll, concurrency): the bench measures what runs.
  const notification = createNotificationService(
    loadNotificationConfig({ ...shared, SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) }),
    {
      handleSignals: false,
      isolation: notificationIsolation,
      logger: createLogger({ name: "notification", level }),
    },
  );
  const notificationUrl = await notification.start();
  await Promise.all([fulfillmentIsolation.joined(), notificationIsolation.joined()]);
  return {
    describe: "all five services in this process, on one event loop (SERVICES_IN=process)",
    urls: { ...s.urls, fulfillment: fulfillmentUrl, notification: notificationUrl },
    db: {
      inventory: s.inventory.db,
      payment: s.payment.db,
      ordering: s.ordering!.db,
      fulfillment: fulfillment.db,
      notification: notification.db,
    },
    customer: () => s.customer(),
    stockEvent: (opts) => s.stockEvent(opts),
    hold: (customer, eventId, seatIds) => s.hold(customer, eventId, seatIds),
    order: (customer, procedure, input) => s.order(customer, procedure, input),
    pay: (customer, orderId, card) => s.pay(customer, orderId, card),
    async stop() {
      await notification.stop();
      await fulfillment.stop();
      await s.stop();
      await notificationIsolation.drop();
      await fulfillmentIsolation.drop();
    },
  };
};

/**
 * Each service as its own process, started as `npm start` starts it (`node --enable-source-maps
 * dist/main.js`, PROCESSES=1) against the test Postgres, Redis and Kafka, in its own schema and
 * consumer groups; this process only plays the buyers, catalog (seat layouts) and the SMTP server.
 */
const asProcesses = async (): Promise<Stack> => {
  const issuer = await startTestIssuer();
  const kafka = createKafka({
    clientId: `purchase-rush-${randomUUID().slice(0, 8)}`,
    brokers,
    log,
  });
  const producer = kafka.producer();
  await producer.connect();
  const admin = kafka.admin();
  await admin.connect();
  const shared = {
    NODE_ENV: "test",
    // Info: the processes say on stdout when they are ready.
    LOG_LEVEL: "info",
    DATABASE_URL: testEnv.databaseUrl,
    REDIS_URL: testEnv.redisUrl,
    KAFKA_BROKERS: brokers.join(","),
    IDENTITY_JWKS_URL: issuer.jwksUrl,
  };
  const services: ServiceCluster[] = [];
  // CPU_PROF=payment,inventory (and CPU_PROF_DIR) profiles those services' processes.
  const profiled = (process.env.CPU_PROF ?? "").split(",").filter(Boolean);
  const profileDir = process.env.CPU_PROF_DIR ?? "/tmp/purchase-rush-profiles";
  const start = async (name: string, env: Record<string, string> = {}) => {
    const service = await startServiceCluster({
      name,
      processes: 1,
      from: "bundle",
      env: { ...shared, ...env },
      ...(profiled.includes(name)
        ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}/${name}`] }
        : {}),
      timeoutMs: 240_000,
    });
    services.push(service);
    return service.url;
  };
  const inventoryUrl = await start("inventory");
  // Payment pins each order's holds in inventory before charging, as npm start runs it.
  const [paymentUrl] = await Promise.all([
    start("payment", {
      GATEWAY_MIN_LATENCY_MS: "10",
      GATEWAY_MAX_LATENCY_MS: "50",
      INVENTORY_URL: inventoryUrl,
    }),
    start("fulfillment", { TICKET_SIGNING_KEY: "purchase-rush-signing-key-0123456789" }),
    start("notification", { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) }),
  ]);
  const orderingUrl = await start("ordering", { INVENTORY_URL: inventoryUrl });
  // Nothing is bought while a consumer group is still rebalancing.
  let last = "";
  await waitFor(
    "every consumer group stable, its member owning partitions",
    async () => {
      const groups = await describeMembers(admin, PURCHASE_GROUPS);
      last = groups.map((g) => `${g.groupId} ${g.state} ${g.members.length}`).join("; ");
      return groups.every(
        (g) =>
          g.state === "Stable" &&
          g.members.length === 1 &&
          g.members.every((m) => partitionCount(m.assignment) > 0),
      );
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last seen: ${last}`);
  });
  // Earlier benchmarks (the on-sale's thousands of holds) may have left events these groups have
  // not applied yet; a round measured behind that backlog would measure the backlog.
  let lag = await consumerLag(admin, PURCHASE_GROUPS);
  if (lag > 0) console.log(`  waiting for the services to apply ${lag} earlier events first`);
  await waitFor(
    "every consumer group caught up",
    async () => (lag = await consumerLag(admin, PURCHASE_GROUPS)) === 0,
    { timeoutMs: 300_000, intervalMs: 1_000 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; ${lag} events still to apply`);
  });
  const url = testEnv.databaseUrl;
  const db: Dbs = {
    inventory: createInventoryDb(url, { poolMax: 2 }),
    payment: createPaymentDb(url, { poolMax: 2 }),
    ordering: createOrderingDb(url, { poolMax: 2 }),
    fulfillment: createFulfillmentDb(url, { poolMax: 2 }),
    notification: createNotificationDb(url, { poolMax: 2 }),
  };
  return {
    describe:
      "each service its own process, as npm start runs it (node dist/main.js, PROCESSES=1; SERVICES_IN=processes)",
    urls: Object.fromEntries(services.map((service) => [service.name, service.url])),
    db,
    async customer() {
      const { token, user } = await issuer.tokenFor({ role: "customer" });
      return { token, id: user.id, email: user.email };
    },
    async stockEvent({ seats: count }) {
      const eventId = randomUUID();
      const seats: SeatSpec[] = Array.from({ length: count }, (_, i) => ({
        seatId: randomUUID(),
        section: "A",
        row: String(Math.floor(i / 25) + 1),
        number: (i % 25) + 1,
        priceCents: 4_500 + (i % 3) * 1_000,
      }));
      const event = createEvent(SeatsGenerated, {
        key: eventId,
        correlationId: randomUUID(),
        data: {
          eventId,
          layoutId: randomUUID(),
          part: 1,
          parts: 1,
          currency: "EUR",
          holdTtlSeconds: 900,
          seats: seats.map((seat) => ({ ...seat, tier: "standard", accessible: false })),
        },
      });
      await producer.send({
        topic: Topics.catalogEvents,
        messages: [{ key: eventId, value: JSON.stringify(event) }],
      });
      await waitFor(
        `stock for ${count} seats`,
        async () => (await db.inventory.seat.count({ where: { eventId } })) === count,
        { timeoutMs: 90_000, intervalMs: 100 },
      );
      return { eventId, seats };
    },
    async hold(customer, eventId, seatIds) {
      const outcome = await callTrpc<Hold>(
        inventoryUrl,
        "reserve",
        { eventId, seatIds },
        { token: customer.token },
      );
      if (!outcome.ok) throw new Error(`reserve refused: ${outcome.code} ${outcome.message}`);
      return outcome.data;
    },
    order: (customer, procedure, input) =>
      callTrpc(orderingUrl, procedure, input, { token: customer.token, kind: "mutation" }),
    async pay(customer, orderId, card) {
      const input = {
        orderId,
        idempotencyKey: randomUUID(),
        card: { number: card, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: "123" },
      };
      // Retrying with the same key is safe; payment answers NOT_FOUND until it knows the order.
      return waitFor(
        `payment to accept order ${orderId}`,
        async () => {
          const outcome = await callTrpc<{ status: string; paymentId: string }>(
            paymentUrl,
            "pay",
            input,
            { token: customer.token },
          );
          return !outcome.ok && outcome.code === "NOT_FOUND" ? undefined : outcome;
        },
        { timeoutMs: 90_000, intervalMs: 100 },
      );
    },
    async stop() {
      const codes = await Promise.all(services.map((service) => service.stop()));
      codes.forEach((code, i) => {
        if (code !== 0) console.error(`  ${services[i]!.name} exited ${code} on SIGTERM`);
      });
      await Promise.all(Object.values(db).map((client) => client.$disconnect()));
      await admin.disconnect();
      await producer.disconnect();
      await issuer.close();
    },
  };
};

const s = mode === "processes" ? await asProcesses() : await inThisProcess();
console.log(`\npurchase rush: ${s.describe}`);

type Row = { key: string; createdAt: Date; sentAt: Date | null };
const byKey = (rows: Row[]) => new Map(rows.map((r) => [r.key, r]));

try {
  for (let round = 1; round <= rounds; round += 1) {
    const { eventId, seats } = await s.stockEvent({ seats: buyers });
    const customers: Customer[] = await Promise.all(seats.map(() => s.customer()));

    // Everyone holds, fills a cart and checks out; then payment must know every order, so the
    // payments below really start together instead of waiting for order-placed.
    const orders = await Promise.all(
      customers.map(async (customer, i) => {
        const hold = await s.hold(customer, eventId, [seats[i]!.seatId]);
        const cart = await s.order<OrderView>(customer, "addToCart", {
          reservationId: hold.reservationId,
        });
        if (!cart.ok) throw new Error(`addToCart refused: ${cart.code} ${cart.message}`);
        const placed = await s.order<OrderView>(customer, "checkout", {
          orderId: cart.data.orderId,
        });
        if (!placed.ok) throw new Error(`checkout refused: ${placed.code} ${placed.message}`);
        return { customer, orderId: cart.data.orderId };
      }),
    );
    const orderIds = orders.map((o) => o.orderId);
    await waitFor(
      "payment to know every order",
      async () =>
        (await s.db.payment.orderProjection.count({ where: { orderId: { in: orderIds } } })) ===
        buyers,
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    // Only what this round's buyers receive from here on counts.
    for (const { customer } of orders) smtp.acceptedAt.delete(customer.email);

    const scrapeAll = () =>
      Promise.all(
        Object.entries(s.urls).map(
          async ([name, url]) => [name, await scrapeMessaging(url)] as const,
        ),
      );
    const metricsBefore = await scrapeAll();
    const cpuBefore = machineCpu();
    const started = performance.now();
    const answered = await Promise.all(
      orders.map(async ({ customer, orderId }) => {
        const asked = performance.now();
        const paid = await s.pay(customer, orderId, VISA_OK);
        if (!paid.ok) throw new Error(`pay refused: ${paid.code} ${paid.message}`);
        if (paid.data.status !== "succeeded") throw new Error(`payment ${paid.data.status}`);
        return performance.now() - asked;
      }),
    );
    await waitFor(
      "every tickets email",
      () => orders.every(({ customer }) => smtp.acceptedAt.has(customer.email)),
      { timeoutMs: 300_000, intervalMs: 50 },
    );
    const elapsed = (performance.now() - started) / 1_000;
    const cpuAfter = machineCpu();
    // Long enough for a duplicate email to show up if one were on its way.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const metricsAfter = await scrapeAll();

    const where = { key: { in: orderIds } };
    const select = { key: true, createdAt: true, sentAt: true } as const;
    const payments = await s.db.payment.payment.findMany({ where: { orderId: { in: orderIds } } });
    // Charged = the gateway's answer recorded (settled_at); the card is charged between the
    // payment's two transactions, so created_at is before the charge.
    const paidAt = new Map(
      payments.map((p) => [p.orderId, (p.settledAt ?? p.createdAt).getTime()]),
    );
    const succeededRows = await s.db.payment.outboxMessage.findMany({
      where: { ...where, type: "payment.payment-succeeded" },
      select: { ...select, payload: true },
    });
    const succeeded = byKey(succeededRows);
    // Payments that pinned their holds in inventory first: ordering confirms those on
    // payment-succeeded itself, beside inventory's sale instead of after it.
    const pinned = new Set(
      succeededRows
        .filter(
          (row) => (row.payload as { data?: { holdsPinnedUntil?: string } }).data?.holdsPinnedUntil,
        )
        .map((row) => row.key),
    );
    const requestedAt = new Map(payments.map((p) => [p.orderId, p.createdAt.getTime()]));
    const sold = byKey(
      await s.db.inventory.outboxMessage.findMany({
        where: { ...where, type: "inventory.reservation-confirmed" },
        select,
      }),
    );
    const confirmedRows = await s.db.ordering.outboxMessage.findMany({
      where: { ...where, type: "ordering.order-confirmed" },
      select,
    });
    const confirmed = byKey(confirmedRows);
    const issued = byKey(
      await s.db.fulfillment.outboxMessage.findMany({
        where: { ...where, type: "fulfillment.tickets-issued" },
        select,
      }),
    );
    const queued = new Map(
      (
        await s.db.notification.delivery.findMany({
          where: { orderId: { in: orderIds }, kind: "tickets" },
        })
      ).flatMap((d) => (d.orderId ? [[d.orderId, d.createdAt.getTime()] as const] : [])),
    );

    const each = (f: (orderId: string, email: string) => number | undefined) =>
      orders.map(({ orderId, customer }) => f(orderId, customer.email) ?? Number.NaN);
    const since = (orderId: string, t: number | undefined) =>
      t === undefined ? undefined : t - paidAt.get(orderId)!;
    const hop = (from: Map<string, Row>, to: Map<string, Row> | Map<string, number>) =>
      each((id) => {
        const end = to.get(id);
        const endAt = typeof end === "number" ? end : end?.createdAt.getTime();
        const startAt = from.get(id)?.createdAt.getTime();
        return endAt === undefined || startAt === undefined ? undefined : endAt - startAt;
      });
    const relayed = (rows: Map<string, Row>) =>
      each((id) => {
        const row = rows.get(id);
        return row?.sentAt ? row.sentAt.getTime() - row.createdAt.getTime() : undefined;
      });
    const emailsSent = orders.map(({ customer }) => smtp.acceptedAt.get(customer.email)?.length);

    console.log(
      `\npurchase rush, round ${round}: ${buyers} buyers paying at the same moment (real inventory, payment, ordering, fulfillment, notification, SMTP)`,
    );
    console.log(`  all emails accepted after  ${elapsed.toFixed(2)} s`);
    console.log(`  pay request answered       ${summary(answered)}`);
    console.log(
      `  pay → order confirmed      ${summary(each((id) => since(id, confirmed.get(id)?.createdAt.getTime())))}`,
    );
    console.log(
      `  pay request → confirmed    ${summary(each((id) => (confirmed.get(id)?.createdAt.getTime() ?? Number.NaN) - (requestedAt.get(id) ?? Number.NaN)))}`,
    );
    console.log(`  holds pinned before charge ${pinned.size} of ${orders.length}`);
    console.log(
      `  pay → confirmed on Kafka   ${summary(each((id) => since(id, confirmed.get(id)?.sentAt?.getTime())))}`,
    );
    console.log(
      `  pay → tickets email (SMTP) ${summary(each((id, email) => since(id, smtp.acceptedAt.get(email)?.[0])))}`,
    );
    console.log("  where the time goes (each step: row committed → next row committed):");
    console.log(
      `    charged → seats sold     ${summary(each((id) => since(id, sold.get(id)?.createdAt.getTime())))}`,
    );
    const unpinned = (rows: Map<string, Row>) =>
      new Map([...rows].filter(([id]) => !pinned.has(id)));
    console.log(
      `    seats sold → confirmed   ${summary(hop(unpinned(sold), confirmed).filter((ms) => !Number.isNaN(ms)))} (unpinned payments only)`,
    );
    console.log(`    confirmed → tickets      ${summary(hop(confirmed, issued))}`);
    console.log(`    tickets → email queued   ${summary(hop(issued, queued))}`);
    console.log(
      `    queued → SMTP accepted   ${summary(each((id, email) => (smtp.acceptedAt.get(email)?.[0] ?? Number.NaN) - (queued.get(id) ?? Number.NaN)))}`,
    );
    console.log(
      `    outbox commit → Kafka    ${summary([succeeded, sold, confirmed, issued].flatMap(relayed))}`,
    );
    // How close to its limit the machine ran: with every core busy, the purchases wait for CPU.
    const busyShare =
      (cpuAfter.busy - cpuBefore.busy) / Math.max(1, cpuAfter.total - cpuBefore.total);
    console.log(
      `  machine CPU, pay → last email: ${(100 * busyShare).toFixed(0)} % busy of ${cpus().length} cores (every process: services, Kafka, Postgres, the bench)`,
    );
    console.log("  from pay to the last email, per service (its /metrics: CPU, batches):");
    let servicesCpu = 0;
    for (const [i, [name, after]] of metricsAfter.entries()) {
      const cpu = after.get("process_cpu_seconds_total")?.sum ?? 0;
      servicesCpu += cpu - (metricsBefore[i]![1].get("process_cpu_seconds_total")?.sum ?? 0);
      for (const line of describeMessaging(name, metricsBefore[i]![1], after)) console.log(line);
    }
    console.log(
      `    the five services: CPU ${(1_000 * servicesCpu).toFixed(0)} ms, ${((1_000 * servicesCpu) / buyers).toFixed(1)} ms per purchase`,
    );
    console.log(
      `  each order confirmed once  ${confirmedRows.length === buyers ? "yes" : `NO: ${confirmedRows.length}`}`,
    );
    console.log(
      `  one email per order        ${emailsSent.every((n) => n === 1) ? "yes" : `NO: ${emailsSent.join(",")}`}`,
    );
  }
} finally {
  await s.stop();
  await smtp.close();
}
