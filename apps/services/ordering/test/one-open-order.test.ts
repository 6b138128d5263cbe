import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView } from "../src/app/order-view";
import { DECLINED, startSaga, type Customer, type Saga } from "./harness";

let s: Saga;

beforeAll(async () => {
  s = await startSaga();
});

afterAll(async () => {
  await s?.stop();
});

const ordersOf = (customer: Customer, eventId: string) =>
  s.ordering!.db.customerOrder.findMany({
    where: { customerId: customer.id, eventId },
    select: { id: true, status: true },
  });

/** A cart with one hold on the first seat, checked out: the order waits for payment. */
const placeOrder = async (buyer: Customer, eventId: string, seatId: string) => {
  const hold = await s.hold(buyer, eventId, [seatId]);
  const cart = await s.order<OrderView>(buyer, "addToCart", { reservationId: hold.reservationId });
  if (!cart.ok) throw new Error(`addToCart refused: ${cart.message}`);
  const placed = await s.order<OrderView>(buyer, "checkout", { orderId: cart.data.orderId });
  if (!placed.ok) throw new Error(`checkout refused: ${placed.message}`);
  return placed.data;
};

describe("one open order per customer and event", () => {
  it("answers the order waiting for payment as the cart, so the seats stay the customer's", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2, priceCents: 2_000 });
    const buyer = await s.customer("guest");
    const placed = await placeOrder(buyer, eventId, seats[0]!.seatId);

    expect(await s.order(buyer, "cart", { eventId }, "query")).toMatchObject({
      ok: true,
      data: {
        orderId: placed.orderId,
        status: "pending",
        items: [{ seats: [{ seatId: seats[0]!.seatId }] }],
      },
    });
    // Nobody else sees it as theirs.
    expect(await s.order(await s.customer(), "cart", { eventId }, "query")).toMatchObject({
      ok: true,
      data: null,
    });
  });

  it("opens no second cart beside an order waiting for payment, naming orderId", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2, priceCents: 2_000 });
    const buyer = await s.customer();
    const placed = await placeOrder(buyer, eventId, seats[0]!.seatId);
    const another = await s.hold(buyer, eventId, [seats[1]!.seatId]);

    const added = await s.order(buyer, "addToCart", { reservationId: another.reservationId });
    expect(added).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!added.ok && added.message).toBe(
      `orderId: order ${placed.orderId} for this event is waiting for payment; pay for it or cancel it before adding seats`,
    );
    expect(await ordersOf(buyer, eventId)).toEqual([{ id: placed.orderId, status: "pending" }]);
  });

  it("keeps the declined order as the one open order until it is cancelled, then opens a new cart", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2, priceCents: 2_000 });
    const buyer = await s.customer();
    const placed = await placeOrder(buyer, eventId, seats[0]!.seatId);
    expect(await s.pay(buyer, placed.orderId, DECLINED)).toMatchObject({ ok: true });
    await s.waitForStatus(buyer, placed.orderId, "payment_failed");
    // Paying again places it again: the same order answers, nothing new is announced.
    expect(await s.order(buyer, "checkout", { orderId: placed.orderId })).toMatchObject({
      ok: true,
      data: { orderId: placed.orderId, status: "payment_failed" },
    });
    expect(s.eventsOfOrder(placed.orderId, "ordering.order-placed")).toHaveLength(1);
    const another = await s.hold(buyer, eventId, [seats[1]!.seatId]);

    expect(
      await s.order(buyer, "addToCart", { reservationId: another.reservationId }),
    ).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await s.order(buyer, "cart", { eventId }, "query")).toMatchObject({
      data: { orderId: placed.orderId, status: "payment_failed" },
    });

    expect(await s.order(buyer, "cancelOrder", { orderId: placed.orderId })).toMatchObject({
      ok: true,
    });
    const fresh = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: another.reservationId,
    });
    expect(fresh).toMatchObject({ ok: true, data: { status: "draft" } });
    expect(fresh.ok && fresh.data.orderId).not.toBe(placed.orderId);
  });
});
