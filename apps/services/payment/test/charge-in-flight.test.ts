import { randomUUID } from "node:crypto";
import { createRedis, type Redis } from "@marquee/service/redis";
import { testEnv } from "@marquee/testkit/test-env";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatedGateway } from "../src/adapters/gateway/simulated-gateway";
import { payOrder } from "../src/app/pay-order";
import type { PaymentView } from "../src/app/payment-view";
import { INTERRUPTED_MESSAGE } from "../src/app/recover-payments";
import type { Gateway } from "../src/domain/gateway";
import { callTrpc, startHarness, type Harness, type PlacedOrder } from "./harness";

// The card is charged between two short transactions (pay-order.ts). These tests hold a charge
// at the gateway and look at the database meanwhile, race a repeated request against it, and
// leave payments stalled for the service's own recovery to settle.
const STALLED_AFTER_MS = 5_000;

let h: Harness;
let redis: Redis;

beforeAll(async () => {
  h = await startHarness({
    GATEWAY_MIN_LATENCY_MS: "5",
    GATEWAY_MAX_LATENCY_MS: "20",
    STALLED_PAYMENT_AFTER_MS: String(STALLED_AFTER_MS),
    PAYMENT_RECOVERY_INTERVAL_MS: "250",
  });
  redis = createRedis(testEnv.redisUrl, console);
});

afterAll(async () => {
  await redis?.quit();
  await h?.stop();
});

const card = (number = "4242 4242 4242 4242") => ({
  number,
  expMonth: 12,
  expYear: new Date().getUTCFullYear() + 3,
  cvc: "123",
});

/** The simulated provider (same Redis ledger as the service's), answering only when released. */
const heldGateway = () => {
  const releases: Array<() => void> = [];
  const gateway = createSimulatedGateway(redis, {
    sleep: () => new Promise<void>((resolve) => releases.push(resolve)),
  });
  const release = () => releases.splice(0).forEach((resolve) => resolve());
  return { gateway, release, received: () => releases.length };
};

/** Pays through the use case with another gateway, as a second payment process would. */
const payWith = (gateway: Gateway, order: PlacedOrder, idempotencyKey: string) =>
  payOrder(
    { ...h.payment.deps, gateway },
    {
      customerId: order.customerId,
      orderId: order.orderId,
      card: card(),
      idempotencyKey,
      cause: { correlationId: randomUUID() },
      // This harness runs payment without inventory: nothing is pinned, no token is sent.
      caller: { token: "" },
    },
  );

const payOverHttp = (order: PlacedOrder, idempotencyKey: string) =>
  callTrpc<PaymentView>(
    h.baseUrl,
    "pay",
    { orderId: order.orderId, idempotencyKey, card: card() },
    { token: order.token },
  );

const paymentsOf = (orderId: string) =>
  h.payment.deps.db.$queryRawUnsafe<
    Array<{ id: string; status: string; failure_message: string | null; settled: boolean }>
  >(
    `SELECT id::text, status::text, failure_message, settled_at IS NOT NULL AS settled
       FROM payment WHERE order_id = $1::uuid ORDER BY created_at`,
    orderId,
  );

const orderStatus = async (orderId: string) =>
  (await h.payment.db.orderProjection.findUnique({ where: { orderId } }))?.status;

const announced = (orderId: string) =>
  h
    .eventsOfOrder(orderId)
    .filter((e) => e.type === "payment.payment-succeeded" || e.type === "payment.payment-failed")
    .map((e) => e.type);

describe("a charge in flight", () => {
  it("holds no order lock while the gateway answers, and the payment reads processing until then", async () => {
    const order = await h.placeOrder();
    const held = heldGateway();
    const paying = payWith(held.gateway, order, randomUUID());
    await waitFor("the charge at the gateway", () => held.received() === 1);

    expect(await paymentsOf(order.orderId)).toEqual([
      expect.objectContaining({ status: "processing", settled: false }),
    ]);
    // With the gateway inside the transaction this would wait for the pay request's lock.
    const locked = await h.payment.deps.db.$transaction(async (tx) =>
      tx.$queryRawUnsafe<Array<{ status: string }>>(
        `SELECT status::text FROM order_projection WHERE order_id = $1::uuid FOR UPDATE NOWAIT`,
        order.orderId,
      ),
    );
    expect(locked).toEqual([{ status: "pending" }]);

    held.release();
    const outcome = await paying;
    expect(outcome).toMatchObject({ ok: true, value: { status: "succeeded" } });
    expect(await paymentsOf(order.orderId)).toEqual([
      expect.objectContaining({ status: "succeeded", settled: true }),
    ]);
    expect(await orderStatus(order.orderId)).toBe("paid");
    await waitFor("payment-succeeded", () => announced(order.orderId).length === 1);
  });

  it("refuses a second key while the first is being charged, naming why, and charges nothing more", async () => {
    const order = await h.placeOrder();
    const held = heldGateway();
    const paying = payWith(held.gateway, order, randomUUID());
    await waitFor("the charge at the gateway", () => held.received() === 1);

    const second = await payOverHttp(order, randomUUID());
    expect(second).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!second.ok && second.message).toMatch(/waiting for the card's answer/);

    held.release();
    expect(await paying).toMatchObject({ ok: true, value: { status: "succeeded" } });
    expect((await paymentsOf(order.orderId)).map((p) => p.status)).toEqual(["succeeded"]);
  });

  it("a repeated request settles its key's processing payment, and the first, answering later, announces nothing more", async () => {
    const order = await h.placeOrder();
    const idempotencyKey = randomUUID();
    const held = heldGateway();
    const first = payWith(held.gateway, order, idempotencyKey);
    await waitFor("the charge at the gateway", () => held.received() === 1);

    const repeated = await payOverHttp(order, idempotencyKey);
    expect(repeated).toMatchObject({ ok: true, data: { status: "succeeded" } });
    held.release();
    const late = await first;
    expect(late.ok && late.value.paymentId).toBe(repeated.ok && repeated.data.paymentId);

    await waitFor("payment-succeeded", () => announced(order.orderId).length > 0);
    // Give a second announcement time to show up before checking there is none.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(announced(order.orderId)).toEqual(["payment.payment-succeeded"]);
    expect(await paymentsOf(order.orderId)).toHaveLength(1);
  });
});

describe("recovery of a stalled payment", () => {
  it("fails a payment whose charge never reached the gateway, once, and the order can be paid again", async () => {
    const order = await h.placeOrder();
    const lost: Gateway = {
      // The request died on its way: the provider never hears of it and never answers.
      charge: () => new Promise(() => undefined),
      lookup: () => Promise.resolve(undefined),
    };
    void payWith(lost, order, randomUUID());
    await waitFor(
      "the payment written",
      async () => (await paymentsOf(order.orderId)).length === 1,
    );

    const [settled] = await waitFor(
      "recovery to settle it",
      async () => {
        const rows = await paymentsOf(order.orderId);
        return rows[0]?.settled && rows;
      },
      { timeoutMs: STALLED_AFTER_MS + 20_000, intervalMs: 200 },
    );
    expect(settled).toMatchObject({ status: "failed", failure_message: INTERRUPTED_MESSAGE });
    await waitFor("payment-failed", () => announced(order.orderId).length > 0);
    expect(announced(order.orderId)).toEqual(["payment.payment-failed"]);
    expect(await orderStatus(order.orderId)).toBe("pending");

    expect(await payOverHttp(order, randomUUID())).toMatchObject({
      ok: true,
      data: { status: "succeeded" },
    });
  });

  it("settles as succeeded a payment the gateway charged before its request died", async () => {
    const order = await h.placeOrder();
    const held = heldGateway();
    // Never released: the process "dies" after the provider took the charge.
    void payWith(held.gateway, order, randomUUID());
    await waitFor("the charge at the gateway", () => held.received() === 1);

    await waitFor(
      "recovery to settle it",
      async () => (await paymentsOf(order.orderId))[0]?.settled === true,
      { timeoutMs: STALLED_AFTER_MS + 20_000, intervalMs: 200 },
    );
    expect((await paymentsOf(order.orderId)).map((p) => p.status)).toEqual(["succeeded"]);
    expect(await orderStatus(order.orderId)).toBe("paid");
    await waitFor("payment-succeeded", () => announced(order.orderId).length > 0);
    expect(announced(order.orderId)).toEqual(["payment.payment-succeeded"]);
  });
});
