import { randomUUID } from "node:crypto";
import { TicketsIssued } from "@marquee/events/contracts/fulfillment";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView } from "../src/app/order-view";
import { DECLINED, eventually, startSaga, VISA_OK, type Customer, type Saga } from "./harness";

let s: Saga;

beforeAll(async () => {
  s = await startSaga();
});

afterAll(async () => {
  await s?.stop();
});

/** Hold → cart → checkout, as the storefront does it; returns the pending order. */
const placeOrder = async (buyer: Customer, eventId: string, seatIds: string[]) => {
  const hold = await s.hold(buyer, eventId, seatIds);
  const cart = await s.order<OrderView>(buyer, "addToCart", { reservationId: hold.reservationId });
  if (!cart.ok) throw new Error(cart.message);
  const placed = await s.order<OrderView>(buyer, "checkout", { orderId: cart.data.orderId });
  if (!placed.ok) throw new Error(placed.message);
  return { order: placed.data, hold };
};

const seatStates = async (seatIds: string[]) =>
  (await s.inventory.db.seat.findMany({ where: { id: { in: seatIds } } })).map(
    (seat) => seat.state,
  );

/**
 * Waits until inventory has sold these seats: ordering confirms a payment that pinned its holds
 * on payment-succeeded, beside inventory's sale, so the order can read confirmed a moment before.
 */
const seatsSold = (seatIds: string[]) =>
  eventually(`seats ${seatIds.join(", ")} sold`, async () =>
    (await seatStates(seatIds)).every((state) => state === "sold"),
  );

const distinct = (events: Array<{ id: string }>) => new Set(events.map((e) => e.id)).size;

describe("checkout saga through Kafka", () => {
  it("confirms a paid order once inventory has sold its seats, then fulfils it when tickets are issued", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 3, priceCents: 4_000 });
    const buyer = await s.customer("guest");
    const seatIds = [seats[0]!.seatId, seats[1]!.seatId];
    const { order, hold } = await placeOrder(buyer, eventId, seatIds);
    expect(order).toMatchObject({ status: "pending", totalCents: 4_000 + 5_000 });

    const paid = await s.pay(buyer, order.orderId, VISA_OK);
    expect(paid).toMatchObject({ ok: true, data: { status: "succeeded" } });

    const confirmed = await s.waitForConfirmed(buyer, order.orderId);
    expect(confirmed).toMatchObject({ totalCents: 9_000, lastPaymentError: null });
    await seatsSold(seatIds);
    expect(await seatStates(seatIds)).toEqual(["sold", "sold"]);
    await eventually(
      "order-confirmed",
      () => s.eventsOfOrder(order.orderId, "ordering.order-confirmed").length > 0,
    );
    const announced = s.eventsOfOrder(order.orderId, "ordering.order-confirmed");
    expect(announced.map((e) => e.data)).toEqual([
      {
        orderId: order.orderId,
        customerId: buyer.id,
        email: buyer.email,
        eventId,
        totalCents: 9_000,
        currency: "EUR",
        seats: seats.slice(0, 2).map((seat) => ({
          seatId: seat.seatId,
          reservationId: hold.reservationId,
          section: seat.section,
          row: seat.row,
          number: seat.number,
          priceCents: seat.priceCents,
        })),
      },
    ]);

    const admin = await s.customer("admin");
    expect(await s.order(admin, "eventSales", { eventId }, "query")).toMatchObject({
      ok: true,
      data: { eventId, ordersConfirmed: 1, seatsSold: 2, revenueCents: 9_000, currency: "EUR" },
    });

    await s.publish(
      Topics.fulfillmentTickets,
      createEvent(TicketsIssued, {
        key: order.orderId,
        correlationId: randomUUID(),
        data: {
          orderId: order.orderId,
          customerId: buyer.id,
          email: buyer.email,
          eventId,
          tickets: seatIds.map((seatId, i) => ({
            ticketId: randomUUID(),
            seatId,
            section: "A",
            row: "1",
            number: i + 1,
            code: `T-${i}`,
          })),
        },
      }),
    );
    await s.waitForStatus(buyer, order.orderId, "fulfilled");
    expect(await s.order(admin, "eventSales", { eventId }, "query")).toMatchObject({
      data: { ordersConfirmed: 1, seatsSold: 2 },
    });
  });

  it("shows a declined card on the order and confirms it when another card pays", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const buyer = await s.customer();
    const { order } = await placeOrder(buyer, eventId, [seats[0]!.seatId]);

    const declined = await s.pay(buyer, order.orderId, DECLINED);
    expect(declined).toMatchObject({ ok: true, data: { status: "failed" } });
    const failed = await s.waitForStatus(buyer, order.orderId, "payment_failed");
    expect(failed.lastPaymentError).toEqual({
      reason: "card_declined",
      message: "Your card was declined.",
    });

    const retried = await s.pay(buyer, order.orderId, VISA_OK);
    expect(retried).toMatchObject({ ok: true, data: { status: "succeeded" } });
    await s.waitForConfirmed(buyer, order.orderId);
    await seatsSold([seats[0]!.seatId]);
    expect(await s.payment.db.payment.count({ where: { orderId: order.orderId } })).toBe(2);
  });

  it("charges once and confirms once when the same payment is submitted five times at once", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const buyer = await s.customer();
    const { order } = await placeOrder(buyer, eventId, [seats[0]!.seatId]);
    // Wait until payment knows the order, so all five requests race for the charge itself.
    await eventually(
      "order in payment",
      async () =>
        (await s.payment.db.orderProjection.count({ where: { orderId: order.orderId } })) === 1,
    );

    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => s.pay(buyer, order.orderId, VISA_OK, key)),
    );
    expect(answers.every((a) => a.ok && a.data.status === "succeeded")).toBe(true);
    expect(new Set(answers.map((a) => (a.ok ? a.data.paymentId : ""))).size).toBe(1);

    await s.waitForConfirmed(buyer, order.orderId);
    expect(await s.payment.db.payment.count({ where: { orderId: order.orderId } })).toBe(1);
    await eventually(
      "order-confirmed",
      () => s.eventsOfOrder(order.orderId, "ordering.order-confirmed").length > 0,
    );
    // Everything the order caused has been applied; a duplicate would be in the outboxes already.
    expect(
      await s.ordering!.db.outboxMessage.count({
        where: { key: order.orderId, type: "ordering.order-confirmed" },
      }),
    ).toBe(1);
    expect(
      await s.payment.db.outboxMessage.count({
        where: { key: order.orderId, type: "payment.payment-succeeded" },
      }),
    ).toBe(1);
    expect(distinct(s.eventsOfOrder(order.orderId, "payment.payment-succeeded"))).toBe(1);
  });

  it("changes nothing when the events that confirmed an order arrive again", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const buyer = await s.customer();
    const { order } = await placeOrder(buyer, eventId, [seats[0]!.seatId]);
    await s.pay(buyer, order.orderId, VISA_OK);
    await s.waitForConfirmed(buyer, order.orderId);
    const causesOf = () => [
      ...s.eventsOfOrder(order.orderId, "payment.payment-succeeded"),
      ...s.eventsOfOrder(order.orderId, "inventory.reservation-confirmed"),
    ];
    await eventually("both causes seen", () => causesOf().length === 2);
    const causes = causesOf();

    // The same envelopes (a redelivery) and copies under new ids (a repeat by the producer).
    const copies = causes.map((e) => ({ ...e, id: randomUUID() }));
    for (const event of [...causes, ...copies]) {
      await s.publish(
        event.type.startsWith("payment.") ? Topics.paymentPayments : Topics.inventoryReservations,
        event,
      );
    }
    await eventually("the copies applied", async () => {
      const applied = await s.ordering!.db.processedMessage.count({
        where: { messageId: { in: copies.map((e) => e.id) } },
      });
      return applied === copies.length;
    });
    const after = await s.order<OrderView>(buyer, "order", { orderId: order.orderId }, "query");
    expect(after.ok && ["confirmed", "fulfilled"].includes(after.data.status)).toBe(true);
    expect(
      await s.ordering!.db.outboxMessage.count({
        where: { key: order.orderId, type: "ordering.order-confirmed" },
      }),
    ).toBe(1);
  });

  it("expires an unpaid order when its hold runs out and announces order-expired", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const buyer = await s.customer();
    const { order, hold } = await placeOrder(buyer, eventId, [seats[0]!.seatId]);
    await s.expireHold(hold.reservationId);

    await s.waitForStatus(buyer, order.orderId, "expired");
    await eventually(
      "order-expired",
      () => s.eventsOfOrder(order.orderId, "ordering.order-expired").length > 0,
    );
    expect(s.eventsOfOrder(order.orderId, "ordering.order-expired")[0]?.data).toEqual({
      orderId: order.orderId,
      customerId: buyer.id,
      email: buyer.email,
      eventId,
    });
    // Payment follows: the expired order can no longer be charged.
    await eventually(
      "payment closes the order",
      async () =>
        (await s.payment.db.orderProjection.findUnique({ where: { orderId: order.orderId } }))
          ?.status === "expired",
    );
    expect(await s.pay(buyer, order.orderId, VISA_OK)).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });

  it("expires a cart whose only hold ran out, so the customer is told", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const buyer = await s.customer();
    const hold = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    const orderId = cart.ok ? cart.data.orderId : "";
    await s.expireHold(hold.reservationId);

    const expired = await s.waitForStatus(buyer, orderId, "expired");
    expect(expired.items.map((i) => i.reservationId)).toEqual([hold.reservationId]);
    await eventually(
      "order-expired",
      () => s.eventsOfOrder(orderId, "ordering.order-expired").length > 0,
    );
    expect(await s.order(buyer, "cart", { eventId }, "query")).toMatchObject({ data: null });
    expect(await s.order(buyer, "checkout", { orderId })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });
});
