import { randomUUID } from "node:crypto";
import { ReservationConfirmationFailed } from "@marquee/events/contracts/inventory";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRefundOnce } from "../src/adapters/db/payment-store";
import type { PaymentHistoryView, PaymentView } from "../src/app/payment-view";
import { CONFIRMATION_FAILED_KEY } from "../src/app/refund-order";
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

const payWithVisa = (order: PlacedOrder) =>
  callTrpc<PaymentView>(
    h.baseUrl,
    "pay",
    { orderId: order.orderId, idempotencyKey: randomUUID(), card },
    { token: order.token },
  );

const publishConfirmationFailed = async (order: PlacedOrder, reservationId: string) => {
  const seatId = randomUUID();
  const event = createEvent(ReservationConfirmationFailed, {
    key: reservationId,
    correlationId: randomUUID(),
    data: {
      reservationId,
      eventId: order.eventId,
      customerId: order.customerId,
      seatIds: [seatId],
      orderId: order.orderId,
      unavailableSeatIds: [seatId],
      reason: "hold expired and the seat was sold",
    },
  });
  await h.publish(Topics.inventoryReservations, event);
  return { event, seatId };
};

const processedBy = async (messageId: string) =>
  (await h.payment.db.processedMessage.count({
    where: { consumer: h.groupOf("reservations"), messageId },
  })) === 1;

const refundedEvents = (orderId: string) =>
  h.eventsOfOrder(orderId).filter((e) => e.type === "payment.payment-refunded");

describe("automatic refunds on reservation-confirmation-failed", () => {
  it("refunds a paid order once, however many of its reservations fail", async () => {
    const order = await h.placeOrder();
    const paid = await payWithVisa(order);
    expect(paid).toMatchObject({ ok: true, data: { status: "succeeded" } });
    const paymentId = paid.ok ? paid.data.paymentId : "";

    const first = await publishConfirmationFailed(order, order.reservationIds[0] ?? "");
    await waitFor("payment-refunded", () => refundedEvents(order.orderId).length > 0, {
      timeoutMs: 60_000,
      intervalMs: 100,
    });

    const refunds = await h.payment.db.refund.findMany({ where: { paymentId } });
    expect(refunds).toHaveLength(1);
    const [refund] = refunds;
    expect(refund?.amountCents).toBe(order.totalCents);
    expect(refund?.reason).toContain(first.seatId);
    expect(refundedEvents(order.orderId)[0]?.data).toEqual({
      paymentId,
      orderId: order.orderId,
      customerId: order.customerId,
      amountCents: order.totalCents,
      currency: "EUR",
      refundId: refund?.id,
      reason: refund?.reason,
      kind: "seats-unavailable",
      refundedTotalCents: order.totalCents,
      paymentAmountCents: order.totalCents,
      seatIds: [],
      seatsTo: "available",
    });

    // The same event delivered again, then the order's other reservation failing too: a new
    // event for the same order. Neither refunds a second time.
    await h.publish(Topics.inventoryReservations, first.event);
    const second = await publishConfirmationFailed(order, order.reservationIds[1] ?? "");
    await waitFor("second failure processed", () => processedBy(second.event.id), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    // Give a duplicate time to show up if one had been published.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(refundedEvents(order.orderId)).toHaveLength(1);
    expect(await h.payment.db.refund.count({ where: { paymentId } })).toBe(1);

    // The database holds it at one as well: a second refund under the same key, as if a request
    // had got past the lookup under the payment's lock, is refused by the unique index.
    const again = await insertRefundOnce(h.payment.db, {
      id: randomUUID(),
      paymentId,
      amountCents: order.totalCents,
      reason: "the same failure once more",
      kind: "seats-unavailable",
      requestedBy: null,
      seatIds: [],
      idempotencyKey: CONFIRMATION_FAILED_KEY,
      createdAt: new Date(),
    });
    expect(again).toBe(false);
    expect(await h.payment.db.refund.findMany({ where: { paymentId } })).toEqual([refund]);

    const history = await callTrpc<PaymentHistoryView[]>(
      h.baseUrl,
      "paymentsForOrder",
      { orderId: order.orderId },
      { token: order.token, kind: "query" },
    );
    expect(history).toMatchObject({
      ok: true,
      data: [
        {
          paymentId,
          status: "succeeded",
          refund: { refundId: refund?.id, amountCents: order.totalCents, reason: refund?.reason },
        },
      ],
    });
  });

  it("refunds nothing for an order that was never paid", async () => {
    const order = await h.placeOrder();
    const { event } = await publishConfirmationFailed(order, order.reservationIds[0] ?? "");
    await waitFor("failure processed", () => processedBy(event.id), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    expect(refundedEvents(order.orderId)).toHaveLength(0);
    const history = await callTrpc<PaymentHistoryView[]>(
      h.baseUrl,
      "paymentsForOrder",
      { orderId: order.orderId },
      { token: order.token, kind: "query" },
    );
    expect(history).toMatchObject({ ok: true, data: [] });
  });
});
