import { randomUUID } from "node:crypto";
import { EventUpdated } from "@marquee/events/contracts/catalog";
import { PaymentSucceeded } from "@marquee/events/contracts/payment";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { createTestLog } from "@marquee/testkit/test-log";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPaymentSucceeded } from "../src/app/apply-payment-events";
import { cancelEventOrders } from "../src/app/cancel-event-orders";
import { upsertEventState } from "../src/adapters/db/refund-store";
import type { EventCancellation } from "../src/app/get-event-cancellation";
import type { OrderView } from "../src/app/order-view";
import { startSaga, VISA_OK, type Customer, type Saga } from "./harness";

let s: Saga;

beforeAll(async () => {
  s = await startSaga();
});

afterAll(async () => {
  await s?.stop();
});

const LONG = { timeoutMs: 90_000, intervalMs: 100 };

const eventCancelled = (eventId: string) =>
  createEvent(EventUpdated, {
    key: eventId,
    correlationId: randomUUID(),
    data: {
      eventId,
      name: "Cancelled concert",
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      timeZone: "Europe/Paris",
      status: "cancelled",
      holdTtlSeconds: 900,
      salesOpenAt: null,
      salesCloseAt: null,
      waitingRoom: null,
    },
  });

/** Holds the seats, checks out and pays; resolves once the order is confirmed. */
const buy = async (customer: Customer, eventId: string, seatIds: string[]) => {
  const hold = await s.hold(customer, eventId, seatIds);
  const cart = await s.order<OrderView>(customer, "addToCart", {
    reservationId: hold.reservationId,
  });
  if (!cart.ok) throw new Error(`addToCart refused: ${cart.message}`);
  const orderId = cart.data.orderId;
  await s.order(customer, "checkout", { orderId });
  expect(await s.pay(customer, orderId, VISA_OK)).toMatchObject({ ok: true });
  return s.waitForConfirmed(customer, orderId);
};

const progress = async (admin: Customer, eventId: string) => {
  const answer = await s.order<EventCancellation>(admin, "eventCancellation", { eventId }, "query");
  if (!answer.ok) throw new Error(`eventCancellation refused: ${answer.message}`);
  return answer.data;
};

describe("cancelling an event", () => {
  it("refunds every paid order in full once, closes open carts, and reports progress; applying it again changes nothing", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 4 });
    const [a, b, c] = [await s.customer(), await s.customer(), await s.customer()];
    const admin = await s.customer("admin");
    const first = await buy(a, eventId, [seats[0]!.seatId, seats[1]!.seatId]);
    const second = await buy(b, eventId, [seats[2]!.seatId]);
    const openHold = await s.hold(c, eventId, [seats[3]!.seatId]);
    const openCart = await s.order<OrderView>(c, "addToCart", {
      reservationId: openHold.reservationId,
    });
    const cartId = openCart.ok ? openCart.data.orderId : "";

    expect(await progress(admin, eventId)).toMatchObject({ cancelled: false, ordersToRefund: 0 });

    const cancellation = eventCancelled(eventId);
    await s.publish(Topics.catalogEvents, cancellation);

    for (const [customer, order] of [
      [a, first],
      [b, second],
    ] as const) {
      const refunded = await s.waitForStatus(customer, order.orderId, "refunded");
      expect(refunded.refundedCents).toBe(order.totalCents);
    }
    await s.waitForStatus(c, cartId, "cancelled");
    await waitFor(
      "the open hold released",
      async () =>
        (await s.inventory.db.reservation.findUnique({ where: { id: openHold.reservationId } }))
          ?.status === "released",
      LONG,
    );
    const done = await waitFor(
      "the cancellation done",
      async () => {
        const p = await progress(admin, eventId);
        return p.done ? p : undefined;
      },
      LONG,
    );
    expect(done).toMatchObject({
      cancelled: true,
      ordersToRefund: 2,
      ordersRefunded: 2,
      refundedCents: first.totalCents + second.totalCents,
      openOrders: 0,
    });

    // Delivered again, and announced again under a new envelope id: nothing new is asked.
    await s.publish(Topics.catalogEvents, cancellation);
    const again = eventCancelled(eventId);
    await s.publish(Topics.catalogEvents, again);
    await waitFor(
      "the repeat applied",
      async () =>
        (await s.ordering!.db.processedMessage.count({
          where: { consumer: "ordering.events", messageId: again.id },
        })) === 1,
      LONG,
    );
    for (const order of [first, second]) {
      expect(
        await s.ordering!.db.outboxMessage.count({
          where: { key: order.orderId, type: "ordering.refund-requested" },
        }),
      ).toBe(1);
      const refunds = await s.payment.db.refund.findMany({
        where: { payment: { orderId: order.orderId } },
      });
      expect(refunds.map((r) => [r.amountCents, r.kind])).toEqual([
        [order.totalCents, "event-cancelled"],
      ]);
      expect(s.eventsOfOrder(order.orderId, "payment.payment-refunded")).toHaveLength(1);
    }
    expect(await progress(admin, eventId)).toMatchObject({ ordersToRefund: 2, ordersRefunded: 2 });
  });

  it("refuses to check out a cart of a cancelled event, naming why, even before the cart is closed", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const buyer = await s.customer();
    const hold = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    if (!cart.ok) throw new Error(`addToCart refused: ${cart.message}`);
    // Ordering knows the event is cancelled; the saga has not reached this cart yet.
    await s.ordering!.deps.db.$transaction((tx) => upsertEventState(tx, eventId, "cancelled"));

    const checkout = await s.order(buyer, "checkout", { orderId: cart.data.orderId });
    expect(checkout).toMatchObject({ ok: false, code: "PRECONDITION_FAILED" });
    expect(!checkout.ok && checkout.message).toMatch(
      /was cancelled; its tickets can no longer be bought/,
    );
    const order = await s.order<OrderView>(buyer, "order", { orderId: cart.data.orderId }, "query");
    expect(order.ok && order.data.status).toBe("draft");
  });

  it("refunds a payment that lands after the cancellation closed its order", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const late = await s.customer();
    const hold = await s.hold(late, eventId, [seats[0]!.seatId]);
    const cart = await s.order<OrderView>(late, "addToCart", {
      reservationId: hold.reservationId,
    });
    const orderId = cart.ok ? cart.data.orderId : "";
    await s.order(late, "checkout", { orderId });

    // Ordering is away while catalog cancels and the card is charged: it learns of both later,
    // in either order.
    await s.stopOrdering();
    expect(await s.pay(late, orderId, VISA_OK)).toMatchObject({ ok: true });
    await s.publish(Topics.catalogEvents, eventCancelled(eventId));
    await s.startOrdering();

    await s.waitForStatus(late, orderId, "refunded");
    const refunds = await s.payment.db.refund.findMany({ where: { payment: { orderId } } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]?.kind).toBe("event-cancelled");
  });

  it("refunds an order whose payment is applied while the cancellation runs", async () => {
    // Two consumer groups, two transactions: the payment locks the order first and, not yet
    // seeing the cancellation, only marks it paid; the cancellation listed the order as unpaid
    // and waits for its lock. It must decide on the row it locked, so it asks for the refund.
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const buyer = await s.customer();
    const hold = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    if (!cart.ok) throw new Error(`addToCart refused: ${cart.message}`);
    const { orderId, totalCents, currency } = cart.data;
    await s.order(buyer, "checkout", { orderId });

    const log = createTestLog();
    const db = s.ordering!.deps.db;
    const paid = createEvent(PaymentSucceeded, {
      key: orderId,
      correlationId: randomUUID(),
      data: {
        paymentId: randomUUID(),
        orderId,
        customerId: buyer.id,
        amountCents: totalCents,
        currency,
        eventId,
        reservationIds: [hold.reservationId],
      },
    });
    let commitPayment = () => {};
    const paymentMayCommit = new Promise<void>((resolve) => (commitPayment = resolve));
    let paymentApplied = () => {};
    const applied = new Promise<void>((resolve) => (paymentApplied = resolve));
    const payment = db.$transaction(
      async (tx) => {
        await applyPaymentSucceeded(tx, paid, log);
        paymentApplied();
        await paymentMayCommit;
      },
      { timeout: 60_000 },
    );
    await applied;
    const cancellation = db.$transaction(
      (tx) => cancelEventOrders(tx, eventId, { correlationId: randomUUID() }, log),
      { timeout: 60_000 },
    );
    await waitFor(
      "the cancellation waiting for the order's lock",
      async () => {
        const [row] = await db.$queryRawUnsafe<Array<{ waiting: number }>>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%customer_order%FOR UPDATE%'`,
        );
        return (row?.waiting ?? 0) > 0;
      },
      { timeoutMs: 10_000, intervalMs: 20 },
    );
    commitPayment();
    await payment;
    expect(await cancellation).toMatchObject({ refundsRequested: 1, ordersClosed: 0 });
    expect(
      await s.ordering!.db.outboxMessage.count({
        where: { key: orderId, type: "ordering.refund-requested" },
      }),
    ).toBe(1);
  });
});
