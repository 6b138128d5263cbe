import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView } from "../src/app/order-view";
import { eventually, startSaga, type Saga } from "./harness";

let s: Saga;

beforeAll(async () => {
  s = await startSaga();
});

afterAll(async () => {
  await s?.stop();
});

const inventoryState = async (seatId: string) =>
  (await s.inventory.db.seat.findUnique({ where: { id: seatId } }))?.state;

/** Waits until ordering has recorded the hold from reservation-created, then forgets it, so a cart
 * has to read it from inventory. */
const forgetHold = async (reservationId: string) => {
  await eventually(
    "reservation-created in ordering",
    async () => (await s.ordering!.db.holdProjection.count({ where: { reservationId } })) === 1,
  );
  await s.ordering!.db.holdProjection.delete({ where: { reservationId } });
};

describe("cart", () => {
  it("takes a hold right after reserve, reading it from inventory when its event has not arrived", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 3, priceCents: 4_500 });
    const buyer = await s.customer();
    const hold = await s.hold(buyer, eventId, [seats[0]!.seatId, seats[1]!.seatId]);
    // Make sure the cart cannot lean on reservation-created: once ordering has it, forget it.
    await eventually(
      "reservation-created in ordering",
      async () =>
        (await s.ordering!.db.holdProjection.count({
          where: { reservationId: hold.reservationId },
        })) === 1,
    );
    await s.ordering!.db.holdProjection.delete({ where: { reservationId: hold.reservationId } });

    const added = await s.order(buyer, "addToCart", { reservationId: hold.reservationId });
    expect(added).toMatchObject({
      ok: true,
      data: {
        eventId,
        customerId: buyer.id,
        email: buyer.email,
        status: "draft",
        totalCents: 4_500 + 5_500,
        currency: "EUR",
        expiresAt: hold.expiresAt,
        lastPaymentError: null,
        items: [
          {
            reservationId: hold.reservationId,
            expiresAt: hold.expiresAt,
            seats: [
              { seatId: seats[0]!.seatId, section: "A", row: "1", number: 1, priceCents: 4_500 },
              { seatId: seats[1]!.seatId, section: "A", row: "1", number: 2, priceCents: 5_500 },
            ],
          },
        ],
      },
    });
    expect(
      await s.ordering!.db.holdProjection.findUnique({
        where: { reservationId: hold.reservationId },
      }),
    ).toMatchObject({ customerId: buyer.id, eventId, status: "active" });

    const cart = await s.order(buyer, "cart", { eventId }, "query");
    expect(cart).toEqual({ ok: true, status: 200, data: added.ok ? added.data : null });
    // Adding it again changes nothing.
    const again = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    expect(again.ok && again.data.items).toHaveLength(1);
  });

  it("keeps one cart per customer and event, adding up every hold in it", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 3, priceCents: 1_000 });
    const buyer = await s.customer();
    const first = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    const second = await s.hold(buyer, eventId, [seats[2]!.seatId]);
    const [a, b] = await Promise.all([
      s.order<OrderView>(buyer, "addToCart", { reservationId: first.reservationId }),
      s.order<OrderView>(buyer, "addToCart", { reservationId: second.reservationId }),
    ]);
    expect(a.ok && b.ok && a.data.orderId === b.data.orderId).toBe(true);
    const cart = await s.order<OrderView>(buyer, "cart", { eventId }, "query");
    expect(cart.ok && cart.data.totalCents).toBe(1_000 + 3_000);
    expect(cart.ok && cart.data.items.map((i) => i.reservationId).sort()).toEqual(
      [first.reservationId, second.reservationId].sort(),
    );
    expect(await s.order(await s.customer(), "cart", { eventId }, "query")).toMatchObject({
      ok: true,
      data: null,
    });
  });

  it("refuses someone else's hold, a released hold and a malformed id, naming reservationId", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2 });
    const owner = await s.customer();
    const hold = await s.hold(owner, eventId, [seats[0]!.seatId]);
    const stranger = await s.customer();

    const stolen = await s.order(stranger, "addToCart", { reservationId: hold.reservationId });
    expect(stolen).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(!stolen.ok && stolen.message).toMatch(/^reservationId: /);
    expect(await s.order(stranger, "cart", { eventId }, "query")).toMatchObject({ data: null });

    const released = await s.hold(owner, eventId, [seats[1]!.seatId]);
    const outcome = await fetch(`${s.urls.inventory}/trpc/release`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.token}`, "content-type": "application/json" },
      body: JSON.stringify({ reservationId: released.reservationId }),
    });
    expect(outcome.ok).toBe(true);
    await eventually(
      "released in ordering",
      async () =>
        (
          await s.ordering!.db.holdProjection.findUnique({
            where: { reservationId: released.reservationId },
          })
        )?.status === "released",
    );
    const late = await s.order(owner, "addToCart", { reservationId: released.reservationId });
    expect(late).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!late.ok && late.message).toMatch(/^reservationId: .* is released/);

    const bad = await s.order(owner, "addToCart", { reservationId: "seat-1" });
    expect(bad).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(!bad.ok && bad.message).toMatch(/reservationId/);

    const unknownId = randomUUID();
    const unknown = await s.order(owner, "addToCart", { reservationId: unknownId });
    expect(unknown).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: `reservationId: no hold ${unknownId} of yours`,
    });
  });

  it("refuses someone else's hold it has not heard of yet, as inventory answers it unknown to them", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const owner = await s.customer();
    const hold = await s.hold(owner, eventId, [seats[0]!.seatId]);
    await forgetHold(hold.reservationId);

    const stranger = await s.customer();
    const stolen = await s.order(stranger, "addToCart", { reservationId: hold.reservationId });
    expect(stolen).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: `reservationId: no hold ${hold.reservationId} of yours`,
    });
    expect(
      await s.ordering!.db.holdProjection.count({ where: { reservationId: hold.reservationId } }),
    ).toBe(0);
    expect(await s.order(stranger, "cart", { eventId }, "query")).toMatchObject({ data: null });
  });

  it("reads through to a hold older than the customer's fifty newest", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2 });
    const buyer = await s.customer();
    const oldest = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    for (let i = 0; i < 50; i++) {
      const newer = await s.hold(buyer, eventId, [seats[1]!.seatId]);
      const released = await fetch(`${s.urls.inventory}/trpc/release`, {
        method: "POST",
        headers: { authorization: `Bearer ${buyer.token}`, "content-type": "application/json" },
        body: JSON.stringify({ reservationId: newer.reservationId }),
      });
      expect(released.ok).toBe(true);
    }
    await forgetHold(oldest.reservationId);

    const added = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: oldest.reservationId,
    });
    expect(added).toMatchObject({
      ok: true,
      data: { eventId, items: [{ reservationId: oldest.reservationId }] },
    });
  });

  it("removes a hold from the cart and gives its seats back to inventory", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2, priceCents: 2_000 });
    const buyer = await s.customer();
    const keep = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    const drop = await s.hold(buyer, eventId, [seats[1]!.seatId]);
    await s.order(buyer, "addToCart", { reservationId: keep.reservationId });
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: drop.reservationId,
    });
    const orderId = cart.ok ? cart.data.orderId : "";

    const stranger = await s.customer();
    expect(
      await s.order(stranger, "removeFromCart", { orderId, reservationId: drop.reservationId }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await inventoryState(seats[1]!.seatId)).toBe("held");

    const after = await s.order<OrderView>(buyer, "removeFromCart", {
      orderId,
      reservationId: drop.reservationId,
    });
    expect(after).toMatchObject({ ok: true, data: { orderId, totalCents: 2_000 } });
    expect(after.ok && after.data.items.map((i) => i.reservationId)).toEqual([keep.reservationId]);
    expect(await inventoryState(seats[1]!.seatId)).toBe("available");
    expect(await inventoryState(seats[0]!.seatId)).toBe("held");
  });
});

describe("checkout and cancel", () => {
  it("places the order with its final total and announces order-placed once", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2, priceCents: 3_000 });
    const buyer = await s.customer("guest");
    const hold = await s.hold(
      buyer,
      eventId,
      seats.map((seat) => seat.seatId),
    );
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    const orderId = cart.ok ? cart.data.orderId : "";

    const [placed, again] = await Promise.all([
      s.order<OrderView>(buyer, "checkout", { orderId }),
      s.order<OrderView>(buyer, "checkout", { orderId }),
    ]);
    expect(placed).toMatchObject({
      ok: true,
      data: { orderId, status: "pending", totalCents: 7_000, email: buyer.email },
    });
    expect(again).toMatchObject({ ok: true, data: { status: "pending", totalCents: 7_000 } });

    await eventually(
      "order-placed",
      () => s.eventsOfOrder(orderId, "ordering.order-placed").length > 0,
    );
    // Back from checkout, the cart is the order waiting for payment.
    expect(await s.order(buyer, "cart", { eventId }, "query")).toMatchObject({
      data: { orderId, status: "pending" },
    });
    expect(s.eventsOfOrder(orderId, "ordering.order-placed").map((e) => e.data)).toEqual([
      {
        orderId,
        customerId: buyer.id,
        email: buyer.email,
        eventId,
        totalCents: 7_000,
        currency: "EUR",
        seats: seats.map((seat) => ({
          seatId: seat.seatId,
          reservationId: hold.reservationId,
          section: seat.section,
          row: seat.row,
          number: seat.number,
          priceCents: seat.priceCents,
        })),
      },
    ]);
    // The placed order is no longer a cart to change.
    expect(
      await s.order(buyer, "removeFromCart", { orderId, reservationId: hold.reservationId }),
    ).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("refuses to check out an empty cart or someone else's", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const buyer = await s.customer();
    const hold = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    const orderId = cart.ok ? cart.data.orderId : "";

    expect(await s.order(await s.customer(), "checkout", { orderId })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    await s.order(buyer, "removeFromCart", { orderId, reservationId: hold.reservationId });
    const empty = await s.order(buyer, "checkout", { orderId });
    expect(empty).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(!empty.ok && empty.message).toMatch(/^orderId: /);
    expect(await s.order(buyer, "checkout", { orderId: "nope" })).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
    });
  });

  it("cancels a pending order, announces order-cancelled and inventory frees the seats", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2 });
    const buyer = await s.customer();
    const hold = await s.hold(
      buyer,
      eventId,
      seats.map((seat) => seat.seatId),
    );
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    const orderId = cart.ok ? cart.data.orderId : "";
    await s.order(buyer, "checkout", { orderId });

    expect(await s.order(await s.customer(), "cancelOrder", { orderId })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    const cancelled = await s.order(buyer, "cancelOrder", { orderId });
    expect(cancelled).toMatchObject({ ok: true, data: { orderId, status: "cancelled" } });

    await eventually(
      "seats free again",
      async () =>
        (await inventoryState(seats[0]!.seatId)) === "available" &&
        (await inventoryState(seats[1]!.seatId)) === "available",
    );
    expect(s.eventsOfOrder(orderId, "ordering.order-cancelled").map((e) => e.data)).toEqual([
      {
        orderId,
        customerId: buyer.id,
        email: buyer.email,
        eventId,
        reservationIds: [hold.reservationId],
      },
    ]);
    expect(await s.order(buyer, "checkout", { orderId })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    const paid = await s.pay(buyer, orderId, "4242 4242 4242 4242");
    expect(paid).toMatchObject({ ok: false, code: "CONFLICT" });
  });
});

describe("history, details and sales", () => {
  it("lists the customer's orders newest first, page by page, without carts", async () => {
    const buyer = await s.customer();
    const placed: string[] = [];
    // One open order per event: each placed order is for an event of its own.
    for (let i = 0; i < 3; i++) {
      const { eventId, seats } = await s.stockEvent({ seats: 1 });
      const hold = await s.hold(buyer, eventId, [seats[0]!.seatId]);
      const cart = await s.order<OrderView>(buyer, "addToCart", {
        reservationId: hold.reservationId,
      });
      const orderId = cart.ok ? cart.data.orderId : "";
      await s.order(buyer, "checkout", { orderId });
      placed.push(orderId);
    }
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const open = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    await s.order(buyer, "addToCart", { reservationId: open.reservationId });

    const first = await s.order<{ items: OrderView[]; nextCursor: string | null }>(
      buyer,
      "myOrders",
      { limit: 2, cursor: null },
      "query",
    );
    expect(first.ok && first.data.items.map((o) => o.orderId)).toEqual([placed[2], placed[1]]);
    const cursor = first.ok ? first.data.nextCursor : null;
    expect(cursor).not.toBeNull();
    const second = await s.order<{ items: OrderView[]; nextCursor: string | null }>(
      buyer,
      "myOrders",
      { limit: 2, cursor },
      "query",
    );
    expect(second).toMatchObject({ ok: true, data: { nextCursor: null } });
    expect(second.ok && second.data.items.map((o) => o.orderId)).toEqual([placed[0]]);

    expect(await s.order(buyer, "myOrders", { cursor: "bogus" }, "query")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "cursor: not a cursor from myOrders",
    });
    expect(await s.order(buyer, "myOrders", { limit: 1_000 }, "query")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
    });
  });

  it("shows an order to its owner and an admin only", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const buyer = await s.customer();
    const hold = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    const orderId = cart.ok ? cart.data.orderId : "";

    expect(await s.order(buyer, "order", { orderId }, "query")).toMatchObject({
      ok: true,
      data: { orderId },
    });
    expect(await s.order(await s.customer("admin"), "order", { orderId }, "query")).toMatchObject({
      ok: true,
      data: { orderId },
    });
    expect(await s.order(await s.customer(), "order", { orderId }, "query")).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await s.order(buyer, "order", { orderId: randomUUID() }, "query")).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    const anonymous = await fetch(
      `${s.urls.ordering}/trpc/order?input=${encodeURIComponent(JSON.stringify({ orderId }))}`,
    );
    expect(anonymous.status).toBe(401);
  });

  it("reports an event's sales to admins only", async () => {
    const { eventId } = await s.stockEvent({ seats: 1 });
    expect(await s.order(await s.customer("admin"), "eventSales", { eventId }, "query")).toEqual({
      ok: true,
      status: 200,
      data: { eventId, ordersConfirmed: 0, seatsSold: 0, revenueCents: 0, currency: "EUR" },
    });
    expect(await s.order(await s.customer(), "eventSales", { eventId }, "query")).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
  });
});
