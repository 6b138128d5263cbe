import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView } from "../src/app/order-view";
import { startSaga, VISA_OK, type Saga } from "./harness";

let s: Saga;

beforeAll(async () => {
  s = await startSaga();
});

afterAll(async () => {
  await s?.stop();
});

const LONG = { timeoutMs: 90_000, intervalMs: 100 };

describe("an organizer refunds an order", () => {
  it("refunds chosen seats at their prices, refuses a seat twice, then the rest makes the order refunded", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2 });
    const buyer = await s.customer();
    const admin = await s.customer("admin");
    const [first, second] = seats;
    if (!first || !second) throw new Error("no seats");
    const hold = await s.hold(buyer, eventId, [first.seatId, second.seatId]);
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    const orderId = cart.ok ? cart.data.orderId : "";
    await s.order(buyer, "checkout", { orderId });
    expect(await s.pay(buyer, orderId, VISA_OK)).toMatchObject({ ok: true });
    const confirmed = await s.waitForConfirmed(buyer, orderId);

    // The buyer may not refund themselves through the organizer's procedure.
    expect(
      await s.order(buyer, "refundOrder", { orderId, seatIds: [first.seatId], reason: "x" }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });

    const one = await s.order<OrderView>(admin, "refundOrder", {
      orderId,
      seatIds: [first.seatId],
      reason: "Seat with a blocked view",
      seatsTo: "blocked",
    });
    expect(one).toMatchObject({
      ok: true,
      data: { refunds: [{ kind: "organizer", status: "requested", seatIds: [first.seatId] }] },
    });
    // The same seat again is refused by name, before payment hears of it.
    const twice = await s.order(admin, "refundOrder", {
      orderId,
      seatIds: [first.seatId],
      reason: "again",
    });
    expect(twice).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(twice.ok ? "" : twice.message).toContain(first.seatId);

    const partly = await waitFor(
      "the seat refunded",
      async () => {
        const view = await s.order<OrderView>(buyer, "order", { orderId }, "query");
        return view.ok && view.data.refunds[0]?.status === "refunded" ? view.data : undefined;
      },
      LONG,
    );
    expect(partly.refundedCents).toBe(first.priceCents);
    expect(["confirmed", "fulfilled"]).toContain(partly.status);
    const refunds = await s.payment.db.refund.findMany({ where: { payment: { orderId } } });
    expect(refunds.map((r) => [r.amountCents, r.kind, r.seatIds])).toEqual([
      [first.priceCents, "organizer", [first.seatId]],
    ]);

    // No seats named: the rest of the order.
    await s.order(admin, "refundOrder", { orderId, reason: "Show moved" });
    const whole = await s.waitForStatus(buyer, orderId, "refunded");
    expect(whole.refundedCents).toBe(confirmed.totalCents);
    expect(whole.refunds.map((r) => [r.seatIds, r.amountCents])).toEqual([
      [[first.seatId], first.priceCents],
      [[second.seatId], second.priceCents],
    ]);
    expect(await s.order(admin, "refundOrder", { orderId, reason: "once more" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });
});
