import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

/** A customer's pending order for one fresh seat. */
const placeOrder = async (customer: Customer) => {
  const { eventId, seats } = await s.stockEvent({ seats: 1 });
  const hold = await s.hold(customer, eventId, [seats[0]!.seatId]);
  const cart = await s.order<OrderView>(customer, "addToCart", {
    reservationId: hold.reservationId,
  });
  const orderId = cart.ok ? cart.data.orderId : "";
  expect(await s.order(customer, "checkout", { orderId })).toMatchObject({
    ok: true,
    data: { status: "pending" },
  });
  return { eventId, seatId: seats[0]!.seatId, hold, orderId };
};

describe("a payment that pinned its holds in inventory", () => {
  it("confirms the order on payment-succeeded itself, and inventory sells the seat", async () => {
    const buyer = await s.customer();
    const { seatId, orderId } = await placeOrder(buyer);
    const paidAt = Date.now();
    expect(await s.pay(buyer, orderId, VISA_OK)).toMatchObject({
      ok: true,
      data: { status: "succeeded" },
    });
    await s.waitForConfirmed(buyer, orderId);

    const [succeeded] = s.eventsOfOrder(orderId, "payment.payment-succeeded");
    if (succeeded?.type !== "payment.payment-succeeded") throw new Error("no payment-succeeded");
    // Pinned for half an hour from the pay request.
    const pinnedUntil = Date.parse(succeeded.data.holdsPinnedUntil ?? "");
    expect(pinnedUntil - paidAt).toBeGreaterThan(29 * 60_000);
    expect(pinnedUntil - paidAt).toBeLessThan(31 * 60_000);
    // Ordering confirmed on the payment, not on inventory's reservation-confirmed.
    const confirmed = await waitFor(
      "order-confirmed",
      () => s.eventsOfOrder(orderId, "ordering.order-confirmed")[0],
      LONG,
    );
    expect(confirmed.causationId).toBe(succeeded.id);

    // Inventory sold the seat on the same event, and announced it once.
    await waitFor(
      "the seat sold",
      async () =>
        (await s.inventory.db.seat.findUnique({ where: { id: seatId } }))?.state === "sold",
      LONG,
    );
    await waitFor(
      "reservation-confirmed",
      () => s.eventsOfOrder(orderId, "inventory.reservation-confirmed").length === 1,
      LONG,
    );
    expect(
      await s.ordering!.db.outboxMessage.count({
        where: { key: orderId, type: "ordering.order-confirmed" },
      }),
    ).toBe(1);
  }, 180_000);

  it("charges nothing when a hold had ended before the pay, and says so", async () => {
    const buyer = await s.customer();
    const { hold, orderId } = await placeOrder(buyer);
    // Ordering is away while the hold runs out, so payment still takes the order as payable.
    await s.stopOrdering();
    try {
      await s.expireHold(hold.reservationId);
      await waitFor(
        "the hold to expire",
        async () =>
          (await s.inventory.db.reservation.findUnique({ where: { id: hold.reservationId } }))
            ?.status === "expired",
        LONG,
      );
      const paid = await s.pay(buyer, orderId, VISA_OK);
      expect(paid).toMatchObject({
        ok: true,
        data: {
          status: "failed",
          failure: {
            reason: "hold_ended",
            message: "Your hold on these seats ended before the payment; nothing was charged.",
          },
        },
      });
      const paymentId = paid.ok ? paid.data.paymentId : "";
      // The gateway never saw a charge for it, and no refund was needed.
      expect(await s.payment.deps.gateway.lookup(paymentId)).toBeUndefined();
      expect(await s.payment.db.refund.count({ where: { payment: { orderId } } })).toBe(0);
      await waitFor(
        "payment-failed",
        () => s.eventsOfOrder(orderId, "payment.payment-failed").length === 1,
        LONG,
      );
    } finally {
      await s.startOrdering();
    }
    await s.waitForStatus(buyer, orderId, "expired");
    expect(s.eventsOfOrder(orderId, "payment.payment-succeeded")).toHaveLength(0);
  }, 180_000);
});
