import { randomUUID } from "node:crypto";
import { RefundRequested } from "@marquee/events/contracts/ordering";
import type { RefundKind } from "@marquee/events/contracts/payment";
import { createEvent } from "@marquee/events/create-event";
import type { EventOfType } from "@marquee/events/registry";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaymentHistoryView, PaymentView } from "../src/app/payment-view";
import { callTrpc, startHarness, type Harness, type PlacedOrder } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const card = {
  number: "4242 4242 4242 4242",
  expMonth: 12,
  expYear: new Date().getUTCFullYear() + 3,
  cvc: "123",
};

const paidOrder = async (totalCents: number): Promise<PlacedOrder & { paymentId: string }> => {
  const order = await h.placeOrder({ totalCents });
  const paid = await callTrpc<PaymentView>(
    h.baseUrl,
    "pay",
    { orderId: order.orderId, idempotencyKey: randomUUID(), card },
    { token: order.token },
  );
  if (!paid.ok) throw new Error(`payment failed: ${JSON.stringify(paid)}`);
  return { ...order, paymentId: paid.data.paymentId };
};

const refundRequested = (
  order: PlacedOrder,
  amountCents: number | null,
  kind: RefundKind = "organizer",
  seatIds: string[] = [],
) =>
  createEvent(RefundRequested, {
    key: order.orderId,
    correlationId: randomUUID(),
    data: {
      requestId: randomUUID(),
      orderId: order.orderId,
      customerId: order.customerId,
      email: "buyer@example.com",
      eventId: order.eventId,
      amountCents,
      currency: "EUR",
      kind,
      reason: "the organizer refunded a seat",
      requestedBy: "organizer-1",
      seatIds,
      seatsTo: "available",
    },
  });

const processed = async (messageId: string) =>
  (await h.payment.db.processedMessage.count({
    where: { consumer: h.groupOf("orders"), messageId },
  })) === 1;

const publishAndWait = async (event: ReturnType<typeof refundRequested>) => {
  await h.publish(Topics.orderingOrders, event);
  await waitFor("refund request applied", () => processed(event.id), {
    timeoutMs: 60_000,
    intervalMs: 100,
  });
};

const refundedEvents = (orderId: string) =>
  h
    .eventsOfOrder(orderId)
    .filter(
      (e): e is EventOfType<"payment.payment-refunded"> => e.type === "payment.payment-refunded",
    );

const refusedEvents = (orderId: string) =>
  h
    .eventsOfOrder(orderId)
    .filter((e): e is EventOfType<"payment.refund-refused"> => e.type === "payment.refund-refused");

const history = async (order: PlacedOrder) => {
  const answer = await callTrpc<PaymentHistoryView[]>(
    h.baseUrl,
    "paymentsForOrder",
    { orderId: order.orderId },
    { token: order.token, kind: "query" },
  );
  if (!answer.ok) throw new Error(`paymentsForOrder failed: ${JSON.stringify(answer)}`);
  return answer.data;
};

describe("refunds ordering asks for", () => {
  it("makes several partial refunds of one payment, each announced once, never above what was paid", async () => {
    const order = await paidOrder(9_000);
    const seatId = randomUUID();

    const first = refundRequested(order, 3_000, "organizer", [seatId]);
    await publishAndWait(first);
    // The same request delivered again, and re-sent under a new envelope id: still one refund.
    await h.publish(Topics.orderingOrders, first);
    const resent = createEvent(RefundRequested, {
      key: order.orderId,
      correlationId: randomUUID(),
      data: first.data,
    });
    await publishAndWait(resent);

    const second = refundRequested(order, 4_000, "customer");
    await publishAndWait(second);
    // 2,000 is left: 2,001 is refused and writes nothing.
    const tooMuch = refundRequested(order, 2_001);
    await publishAndWait(tooMuch);

    await waitFor("two refunds announced", () => refundedEvents(order.orderId).length >= 2, {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    const rows = await h.payment.db.refund.findMany({
      where: { paymentId: order.paymentId },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.amountCents, r.kind, r.idempotencyKey])).toEqual([
      [3_000, "organizer", first.data.requestId],
      [4_000, "customer", second.data.requestId],
    ]);
    expect(rows[0]?.seatIds).toEqual([seatId]);

    const announced = refundedEvents(order.orderId);
    expect(announced.map((e) => e.data.requestId)).toEqual([
      first.data.requestId,
      second.data.requestId,
    ]);
    expect(announced[0]?.data).toMatchObject({
      amountCents: 3_000,
      refundedTotalCents: 3_000,
      paymentAmountCents: 9_000,
      kind: "organizer",
      seatIds: [seatId],
    });
    expect(announced[1]?.data).toMatchObject({ amountCents: 4_000, refundedTotalCents: 7_000 });
    // The refused request is answered, so ordering stops waiting for it.
    await waitFor("the refusal announced", () => refusedEvents(order.orderId).length > 0);
    expect(refusedEvents(order.orderId).map((e) => e.data)).toEqual([
      {
        orderId: order.orderId,
        requestId: tooMuch.data.requestId,
        kind: "organizer",
        requestedCents: 2_001,
        refundableCents: 2_000,
        reason:
          "the refund asks for 2001 EUR minor units, more than the 2000 EUR minor units left of the payment",
      },
    ]);

    // "Everything that is left" takes the remaining 2,000, and after that nothing is left.
    const rest = refundRequested(order, null, "event-cancelled");
    await publishAndWait(rest);
    await publishAndWait(refundRequested(order, null, "event-cancelled"));
    const [payment] = await history(order);
    expect(payment?.refundedCents).toBe(9_000);
    expect(payment?.refunds.map((r) => r.amountCents)).toEqual([3_000, 4_000, 2_000]);
    expect(refundedEvents(order.orderId)).toHaveLength(3);
    await waitFor("the second refusal", () => refusedEvents(order.orderId).length === 2);
    expect(refusedEvents(order.orderId)[1]?.data).toMatchObject({
      refundableCents: 0,
      reason: expect.stringMatching(/^nothing is left to refund/) as string,
    });
  });

  it("refunds at most what was paid when ten requests ask for twice that", async () => {
    const order = await paidOrder(5_000);
    // Ten requests of 1,000 for a payment of 5,000, published at once.
    await Promise.all(
      Array.from({ length: 10 }, () =>
        h.publish(Topics.orderingOrders, refundRequested(order, 1_000)),
      ),
    );
    const last = refundRequested(order, 1_000);
    await publishAndWait(last);
    const total = await h.payment.db.refund.aggregate({
      where: { paymentId: order.paymentId },
      _sum: { amountCents: true },
    });
    expect(total._sum.amountCents).toBe(5_000);
    expect(await h.payment.db.refund.count({ where: { paymentId: order.paymentId } })).toBe(5);
    // Every request is answered: five refunds, six refusals.
    await waitFor("every request answered", () => refusedEvents(order.orderId).length === 6);
  });

  it("refunds nothing for an order that was never paid", async () => {
    const order = await h.placeOrder({ totalCents: 2_000 });
    const request = refundRequested(order, null, "event-cancelled");
    await publishAndWait(request);
    expect(refundedEvents(order.orderId)).toHaveLength(0);
    expect(await history(order)).toEqual([]);
    await waitFor("the refusal announced", () => refusedEvents(order.orderId).length > 0);
    expect(refusedEvents(order.orderId).map((e) => e.data)).toEqual([
      {
        orderId: order.orderId,
        requestId: request.data.requestId,
        kind: "event-cancelled",
        requestedCents: null,
        refundableCents: 0,
        reason: "the order took no payment, so there is nothing to refund",
      },
    ]);
  });
});
