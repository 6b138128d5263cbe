// The purchase rush: BUYERS (default 50) hold a seat each, check out, and then all pay at the same
// moment, against the real inventory, payment, ordering, fulfillment and notification services
// with a real SMTP server in this process. Measured from database timestamps and the SMTP server's
// receive time, never by polling:
//   pay → order confirmed   card charged (payment row) → ordering's order-confirmed outbox row
//   pay → email accepted    card charged (payment row) → tickets email accepted by our SMTP server
// and where the time goes, hop by hop (each outbox row's commit → relayed to Kafka).
//   npm run bench -- --only purchase-rush
//   BUYERS=50 ROUNDS=2 npx tsx apps/services/ordering/bench/purchase-rush.ts
import { performance } from "node:perf_hooks";
import { createLogger } from "@marquee/service/logger";
import { loadConfig as loadFulfillmentConfig } from "@marquee/fulfillment/config";
import { createFulfillmentService } from "@marquee/fulfillment/service";
import { loadConfig as loadNotificationConfig } from "@marquee/notification/config";
import { createNotificationService } from "@marquee/notification/service";
import { Topics } from "@marquee/events/topics";
import { testEnv, testKafkaBrokers } from "@marquee/testkit/test-env";
import { createTestLog } from "@marquee/testkit/test-log";
import { waitFor } from "@marquee/testkit/wait-for";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { isolate as isolateFulfillment } from "../../fulfillment/test/isolation";
import { isolate as isolateNotification } from "../../notification/test/isolation";
import type { OrderView } from "../src/app/order-view";
import { startSaga, VISA_OK, type Customer } from "../test/harness";

const buyers = Number(process.env.BUYERS ?? 50);
const rounds = Number(process.env.ROUNDS ?? 2);
const level = process.env.TEST_LOG === "1" ? "info" : "silent";

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const summary = (ms: number[]) => {
  const sorted = ms.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(0)} ms`.padStart(8);
  return `p50 ${f(percentile(sorted, 50))} · p95 ${f(percentile(sorted, 95))} · p99 ${f(percentile(sorted, 99))} · max ${f(sorted.at(-1) ?? Number.NaN)}${sorted.length < ms.length ? ` (${ms.length - sorted.length} missing)` : ""}`;
};

/** A real SMTP server that records when it accepted a message for each recipient. */
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

const smtp = await startSmtpClock();
const s = await startSaga();
const brokers = testKafkaBrokers();
const log = createTestLog();
const shared = {
  NODE_ENV: "test",
  LOG_LEVEL: level,
  DATABASE_URL: testEnv.databaseUrl,
  REDIS_URL: testEnv.redisUrl,
  KAFKA_BROKERS: brokers.join(","),
  PORT: "0",
  IDENTITY_JWKS_URL: s.issuer.jwksUrl,
};
// Schemas and consumer groups of their own, so another copy of these services on the test broker
// (a test running meanwhile) cannot take this run's events.
const fulfillmentIsolation = await isolateFulfillment(
  { events: Topics.catalogEvents, orders: Topics.orderingOrders },
  brokers,
  log,
);
const fulfillment = createFulfillmentService(
  loadFulfillmentConfig({ ...shared, TICKET_SIGNING_KEY: "purchase-rush-signing-key-0123456789" }),
  {
    handleSignals: false,
    isolation: fulfillmentIsolation,
    logger: createLogger({ name: "fulfillment", level }),
  },
);
await fulfillment.start();
const notificationIsolation = await isolateNotification(
  {
    tickets: Topics.fulfillmentTickets,
    orders: Topics.orderingOrders,
    payments: Topics.paymentPayments,
  },
  brokers,
  log,
);
// The service's own delivery settings (poll, concurrency): the bench measures what runs.
const notification = createNotificationService(
  loadNotificationConfig({ ...shared, SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) }),
  {
    handleSignals: false,
    isolation: notificationIsolation,
    logger: createLogger({ name: "notification", level }),
  },
);
await notification.start();
await Promise.all([fulfillmentIsolation.joined(), notificationIsolation.joined()]);

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
        (await s.payment.db.orderProjection.count({ where: { orderId: { in: orderIds } } })) ===
        buyers,
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    // Only what this round's buyers receive from here on counts.
    for (const { customer } of orders) smtp.acceptedAt.delete(customer.email);

    const started = performance.now();
    await Promise.all(
      orders.map(async ({ customer, orderId }) => {
        const paid = await s.pay(customer, orderId, VISA_OK);
        if (!paid.ok) throw new Error(`pay refused: ${paid.code} ${paid.message}`);
        if (paid.data.status !== "succeeded") throw new Error(`payment ${paid.data.status}`);
      }),
    );
    await waitFor(
      "every tickets email",
      () => orders.every(({ customer }) => smtp.acceptedAt.has(customer.email)),
      { timeoutMs: 300_000, intervalMs: 50 },
    );
    const elapsed = (performance.now() - started) / 1_000;
    // Long enough for a duplicate email to show up if one were on its way.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const where = { key: { in: orderIds } };
    const select = { key: true, createdAt: true, sentAt: true } as const;
    const payments = await s.payment.db.payment.findMany({ where: { orderId: { in: orderIds } } });
    const paidAt = new Map(payments.map((p) => [p.orderId, p.createdAt.getTime()]));
    const succeeded = byKey(
      await s.payment.db.outboxMessage.findMany({
        where: { ...where, type: "payment.payment-succeeded" },
        select,
      }),
    );
    const sold = byKey(
      await s.inventory.db.outboxMessage.findMany({
        where: { ...where, type: "inventory.reservation-confirmed" },
        select,
      }),
    );
    const confirmedRows = await s.ordering!.db.outboxMessage.findMany({
      where: { ...where, type: "ordering.order-confirmed" },
      select,
    });
    const confirmed = byKey(confirmedRows);
    const issued = byKey(
      await fulfillment.db.outboxMessage.findMany({
        where: { ...where, type: "fulfillment.tickets-issued" },
        select,
      }),
    );
    const queued = new Map(
      (
        await notification.db.delivery.findMany({
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
    console.log(
      `  pay → order confirmed      ${summary(each((id) => since(id, confirmed.get(id)?.createdAt.getTime())))}`,
    );
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
    console.log(`    seats sold → confirmed   ${summary(hop(sold, confirmed))}`);
    console.log(`    confirmed → tickets      ${summary(hop(confirmed, issued))}`);
    console.log(`    tickets → email queued   ${summary(hop(issued, queued))}`);
    console.log(
      `    queued → SMTP accepted   ${summary(each((id, email) => (smtp.acceptedAt.get(email)?.[0] ?? Number.NaN) - (queued.get(id) ?? Number.NaN)))}`,
    );
    console.log(
      `    outbox commit → Kafka    ${summary([succeeded, sold, confirmed, issued].flatMap(relayed))}`,
    );
    console.log(
      `  each order confirmed once  ${confirmedRows.length === buyers ? "yes" : `NO: ${confirmedRows.length}`}`,
    );
    console.log(
      `  one email per order        ${emailsSent.every((n) => n === 1) ? "yes" : `NO: ${emailsSent.join(",")}`}`,
    );
  }
} finally {
  await notification.stop();
  await fulfillment.stop();
  await s.stop();
  await notificationIsolation.drop();
  await fulfillmentIsolation.drop();
  await smtp.close();
}
