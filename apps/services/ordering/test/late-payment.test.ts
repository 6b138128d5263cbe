import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView } from "../src/app/order-view";
import { startSaga, VISA_OK, type Saga } from "./harness";

let s: Saga;

beforeAll(async () => {
  // Payment charges without pinning the holds, as it does when inventory cannot be asked: the
  // path on which a payment can still land after its hold ran out (pinned-payment.test.ts has
  // the pinned one).
  s = await startSaga({ paymentPinsHolds: false });
});

afterAll(async () => {
  await s?.stop();
});

const LONG = { timeoutMs: 90_000, intervalMs: 100 };

describe("a payment that lands after the hold expired", () => {
  it("refunds it and fails the order when the seat was resold; the other buyer keeps the seat", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const seatId = seats[0]!.seatId;
    const late = await s.customer();
    const hold = await s.hold(late, eventId, [seatId]);
    const cart = await s.order<OrderView>(late, "addToCart", { reservationId: hold.reservationId });
    const orderId = cart.ok ? cart.data.orderId : "";
    expect(await s.order(late, "checkout", { orderId })).toMatchObject({
      ok: true,
      data: { status: "pending" },
    });

    // Ordering is away while the hold runs out, so nothing tells payment the order expired:
    // the card is charged after the seat went to someone else.
    await s.stopOrdering();
    await s.expireHold(hold.reservationId);
    await waitFor(
      "the hold to expire",
      async () =>
        (await s.inventory.db.reservation.findUnique({ where: { id: hold.reservationId } }))
          ?.status === "expired",
      LONG,
    );
    const other = await s.customer();
    const resold = await s.hold(other, eventId, [seatId]);
    const paid = await s.pay(late, orderId, VISA_OK);
    expect(paid).toMatchObject({ ok: true, data: { status: "succeeded" } });
    await waitFor(
      "the refund",
      async () => (await s.payment.db.refund.count({ where: { payment: { orderId } } })) === 1,
      LONG,
    );

    // The refund and the failed confirmation travel on different topics; either may come first.
    await s.startOrdering();
    await s.waitForStatus(late, orderId, "refunded");
    await waitFor(
      "order-failed",
      () => s.eventsOfOrder(orderId, "ordering.order-failed").length > 0,
      LONG,
    );
    const settled = await s.order<OrderView>(late, "order", { orderId }, "query");
    expect(settled).toMatchObject({
      ok: true,
      data: { status: "refunded", lastPaymentError: { reason: "seats_unavailable" } },
    });
    expect(
      await s.ordering!.db.outboxMessage.count({
        where: { key: orderId, type: "ordering.order-failed" },
      }),
    ).toBe(1);
    expect(s.eventsOfOrder(orderId, "ordering.order-failed")[0]?.data).toMatchObject({
      orderId,
      customerId: late.id,
      eventId,
    });
    expect(
      await s.ordering!.db.outboxMessage.count({
        where: { key: orderId, type: "ordering.order-confirmed" },
      }),
    ).toBe(0);
    expect(await s.inventory.db.seat.findUnique({ where: { id: seatId } })).toMatchObject({
      state: "held",
      reservationId: resold.reservationId,
    });
    const admin = await s.customer("admin");
    expect(await s.order(admin, "eventSales", { eventId }, "query")).toMatchObject({
      data: { ordersConfirmed: 0, seatsSold: 0, revenueCents: 0 },
    });
  }, 240_000);
});
