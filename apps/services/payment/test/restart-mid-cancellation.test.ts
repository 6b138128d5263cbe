import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createPaymentDb } from "@marquee/db/payment";
import { RefundRequested } from "@marquee/events/contracts/ordering";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { spawnService, type ServiceProcess } from "@marquee/testkit/service-process";
import { testEnv, testKafkaBrokers } from "@marquee/testkit/test-env";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaymentView } from "../src/app/payment-view";
import { callTrpc, startHarness, type Harness, type PlacedOrder } from "./harness";

const serviceDir = fileURLToPath(new URL("..", import.meta.url));
const LONG = { timeoutMs: 120_000, intervalMs: 200 };
const ORDERS = 30;

let h: Harness;
let inProcessStopped = false;
const children: ServiceProcess[] = [];
const db = createPaymentDb({ url: testEnv.databaseUrl });

beforeAll(async () => {
  h = await startHarness(
    { GATEWAY_MIN_LATENCY_MS: "10", GATEWAY_MAX_LATENCY_MS: "50" },
    // The payment processes it spawns later take over the same schema and consumer groups.
    { shared: true },
  );
});

afterAll(async () => {
  // Stopped, not killed: a killed process would stay a member of payment's consumer groups until
  // its session timed out, and hold up the next test file's payment consumers that long.
  for (const child of children) await child.stop();
  if (inProcessStopped) {
    // The in-process service was stopped on purpose; close what else the harness holds.
    await h?.issuer.close();
  } else {
    await h?.stop();
  }
  await db.$disconnect();
});

/** Payment as its own process, like a container that can be killed. */
const spawnPayment = async (): Promise<ServiceProcess> => {
  const child = await spawnService({
    cwd: serviceDir,
    env: {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATABASE_URL: testEnv.databaseUrl,
      REDIS_URL: testEnv.redisUrl,
      KAFKA_BROKERS: testKafkaBrokers().join(","),
      IDENTITY_JWKS_URL: h.issuer.jwksUrl,
    },
    timeoutMs: LONG.timeoutMs,
  });
  children.push(child);
  return child;
};

const card = {
  number: "4242 4242 4242 4242",
  expMonth: 12,
  expYear: new Date().getUTCFullYear() + 3,
  cvc: "123",
};

const paidOrder = async (eventId: string): Promise<PlacedOrder> => {
  const order = await h.placeOrder({ totalCents: 4_000 });
  const paid = await callTrpc<PaymentView>(
    h.baseUrl,
    "pay",
    { orderId: order.orderId, idempotencyKey: randomUUID(), card },
    { token: order.token },
  );
  if (!paid.ok) throw new Error(`payment failed: ${JSON.stringify(paid)}`);
  return { ...order, eventId };
};

/** What ordering asks for each paid order when its event is cancelled. */
const cancellationRefund = (order: PlacedOrder) =>
  createEvent(RefundRequested, {
    key: order.orderId,
    correlationId: randomUUID(),
    data: {
      requestId: randomUUID(),
      orderId: order.orderId,
      customerId: order.customerId,
      email: "buyer@example.com",
      eventId: order.eventId,
      amountCents: null,
      currency: "EUR",
      kind: "event-cancelled",
      reason: "The event was cancelled by its organizer.",
      requestedBy: "system",
      seatIds: [],
      seatsTo: "blocked",
    },
  });

const refundsOf = (orders: PlacedOrder[]) =>
  db.refund.findMany({ where: { payment: { orderId: { in: orders.map((o) => o.orderId) } } } });

describe("payment killed in the middle of an event cancellation", () => {
  it("refunds every order exactly once after a SIGKILL and a restart", async () => {
    const eventId = randomUUID();
    const orders: PlacedOrder[] = [];
    for (let i = 0; i < ORDERS; i += 1) orders.push(await paidOrder(eventId));

    // From here on payment runs as a process of its own.
    await h.payment.stop();
    inProcessStopped = true;
    const first = await spawnPayment();
    for (const order of orders) await h.publish(Topics.orderingOrders, cancellationRefund(order));

    await waitFor("the first refunds", async () => (await refundsOf(orders)).length > 0, LONG);
    await first.kill();

    await spawnPayment();
    await waitFor(
      "every order refunded",
      async () => (await refundsOf(orders)).length >= ORDERS,
      LONG,
    );
    // Every refund's announcement has left the outbox: the counts below are final.
    await waitFor(
      "the outbox published",
      async () =>
        (await db.outboxMessage.count({
          where: {
            key: { in: orders.map((o) => o.orderId) },
            type: "payment.payment-refunded",
            sentAt: null,
          },
        })) === 0,
      LONG,
    );

    const refunds = await refundsOf(orders);
    expect(refunds).toHaveLength(ORDERS);
    const byPayment = new Map<string, number>();
    for (const r of refunds) byPayment.set(r.paymentId, (byPayment.get(r.paymentId) ?? 0) + 1);
    expect([...byPayment.values()].every((n) => n === 1)).toBe(true);
    expect(refunds.every((r) => r.amountCents === 4_000 && r.kind === "event-cancelled")).toBe(
      true,
    );
    for (const order of orders) {
      expect(
        await db.outboxMessage.count({
          where: { key: order.orderId, type: "payment.payment-refunded" },
        }),
      ).toBe(1);
    }
  }, 300_000);
});
