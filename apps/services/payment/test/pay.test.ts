import { randomUUID } from "node:crypto";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaymentView } from "../src/app/payment-view";
import { callTrpc, startHarness, type Harness, type PlacedOrder } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const VISA_OK = "4242 4242 4242 4242";
const DECLINED = "4000 0000 0000 0002";
const card = (number: string, overrides: Record<string, unknown> = {}) => ({
  number,
  expMonth: 12,
  expYear: new Date().getUTCFullYear() + 3,
  cvc: "123",
  ...overrides,
});

const pay = (
  order: PlacedOrder,
  input: { card: unknown; idempotencyKey?: string },
  token = order.token,
) =>
  callTrpc<PaymentView>(
    h.baseUrl,
    "pay",
    {
      orderId: order.orderId,
      idempotencyKey: input.idempotencyKey ?? randomUUID(),
      card: input.card,
    },
    { token },
  );

const eventsOfType = (orderId: string, type: string) =>
  h.eventsOfOrder(orderId).filter((e) => e.type === type);

describe("pay", () => {
  it("charges 4242 4242 4242 4242 once and announces payment-succeeded with the event and holds", async () => {
    const order = await h.placeOrder({ totalCents: 9_000 });
    const outcome = await pay(order, { card: card(VISA_OK) });

    expect(outcome).toMatchObject({
      ok: true,
      data: {
        orderId: order.orderId,
        status: "succeeded",
        amountCents: 9_000,
        currency: "EUR",
        card: { brand: "visa", last4: "4242" },
        failure: null,
      },
    });
    if (!outcome.ok) return;
    await waitFor(
      "payment-succeeded",
      () => eventsOfType(order.orderId, "payment.payment-succeeded").length > 0,
    );
    expect(eventsOfType(order.orderId, "payment.payment-succeeded").map((e) => e.data)).toEqual([
      {
        paymentId: outcome.data.paymentId,
        orderId: order.orderId,
        customerId: order.customerId,
        amountCents: 9_000,
        currency: "EUR",
        eventId: order.eventId,
        reservationIds: order.reservationIds,
      },
    ]);
    const stored = await h.payment.db.payment.findMany({ where: { orderId: order.orderId } });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toMatch(/4242424242424242|"123"/);
    expect(
      (await h.payment.db.orderProjection.findUnique({ where: { orderId: order.orderId } }))
        ?.status,
    ).toBe("paid");
  });

  it("reports a declined card clearly, then accepts another card under a new key", async () => {
    const order = await h.placeOrder();
    const declined = await pay(order, { card: card(DECLINED) });
    expect(declined).toMatchObject({
      ok: true,
      data: {
        status: "failed",
        failure: { reason: "card_declined", message: "Your card was declined." },
      },
    });
    await waitFor(
      "payment-failed",
      () => eventsOfType(order.orderId, "payment.payment-failed").length > 0,
    );
    expect(eventsOfType(order.orderId, "payment.payment-failed")[0]?.data).toMatchObject({
      orderId: order.orderId,
      reason: "card_declined",
    });

    const retried = await pay(order, { card: card(VISA_OK) });
    expect(retried).toMatchObject({ ok: true, data: { status: "succeeded" } });
    await waitFor(
      "payment-succeeded",
      () => eventsOfType(order.orderId, "payment.payment-succeeded").length > 0,
    );

    const history = await callTrpc<PaymentView[]>(
      h.baseUrl,
      "paymentsForOrder",
      { orderId: order.orderId },
      { token: order.token, kind: "query" },
    );
    expect(history.ok && history.data.map((p) => p.status)).toEqual(["failed", "succeeded"]);
  });

  it("charges once and gives the same answer to five identical requests sent at once", async () => {
    const order = await h.placeOrder();
    const idempotencyKey = randomUUID();
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => pay(order, { card: card(VISA_OK), idempotencyKey })),
    );

    expect(outcomes.every((o) => o.ok)).toBe(true);
    const answers = outcomes.map((o) => (o.ok ? o.data : null));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await h.payment.db.payment.count({ where: { orderId: order.orderId } })).toBe(1);
    await waitFor(
      "payment-succeeded",
      () => eventsOfType(order.orderId, "payment.payment-succeeded").length > 0,
    );
    // Give a duplicate time to show up if one had been published.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(eventsOfType(order.orderId, "payment.payment-succeeded")).toHaveLength(1);
  });

  it("refuses the same key with a different card as CONFLICT and charges nothing more", async () => {
    const order = await h.placeOrder();
    const idempotencyKey = randomUUID();
    const first = await pay(order, { card: card(DECLINED), idempotencyKey });
    expect(first).toMatchObject({ ok: true, data: { status: "failed" } });

    const replay = await pay(order, { card: card(DECLINED), idempotencyKey });
    expect(replay).toEqual(first);

    const other = await pay(order, { card: card(VISA_OK), idempotencyKey });
    expect(other).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!other.ok && other.message).toMatch(/idempotencyKey/);
    expect(await h.payment.db.payment.count({ where: { orderId: order.orderId } })).toBe(1);
  });

  it("refuses to charge another customer's order and to show its payments", async () => {
    const order = await h.placeOrder();
    const { token: stranger } = await h.issuer.tokenFor();

    const outcome = await pay(order, { card: card(VISA_OK) }, stranger);
    expect(outcome).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await h.payment.db.payment.count({ where: { orderId: order.orderId } })).toBe(0);

    const peek = await callTrpc(
      h.baseUrl,
      "paymentsForOrder",
      { orderId: order.orderId },
      {
        token: stranger,
        kind: "query",
      },
    );
    expect(peek).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const { token: admin } = await h.issuer.tokenFor({ role: "admin" });
    const asAdmin = await callTrpc(
      h.baseUrl,
      "paymentsForOrder",
      { orderId: order.orderId },
      {
        token: admin,
        kind: "query",
      },
    );
    expect(asAdmin).toMatchObject({ ok: true, data: [] });
  });

  it.each([
    ["card.number", { number: "4242 4242 4242 4241" }],
    ["card.expYear", { expMonth: 1, expYear: 2020 }],
    ["card.expMonth", { expMonth: 13 }],
    ["card.cvc", { cvc: "12" }],
  ])("names %s when the card input is bad, and stores nothing", async (field, overrides) => {
    const order = await h.placeOrder();
    const outcome = await pay(order, { card: card(VISA_OK, overrides) });
    expect(outcome).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(!outcome.ok && outcome.message.startsWith(`${field}:`)).toBe(true);
    expect(await h.payment.db.payment.count({ where: { orderId: order.orderId } })).toBe(0);
  });

  it("refuses to charge an order ordering has cancelled", async () => {
    const order = await h.placeOrder();
    await h.cancelOrder(order);
    const outcome = await pay(order, { card: card(VISA_OK) });
    expect(outcome).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!outcome.ok && outcome.message).toMatch(/cancelled/);
  });
});
