import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView } from "../src/app/order-view";
import { callTrpc, startSaga, type Customer, type Saga } from "./harness";

// A guest who signs in keeps their seats in one cart: inventory gives the account the guest's
// holds, then ordering joins the guest's cart to the account's.

let s: Saga;

beforeAll(async () => {
  s = await startSaga();
});

afterAll(async () => {
  await s?.stop();
});

const cartWith = async (customer: Customer, eventId: string, seatId: string) => {
  const hold = await s.hold(customer, eventId, [seatId]);
  const cart = await s.order<OrderView>(customer, "addToCart", {
    reservationId: hold.reservationId,
  });
  if (!cart.ok) throw new Error(`addToCart refused: ${cart.message}`);
  return { hold, cart: cart.data };
};

const signIn = async (account: Customer, guest: Customer) => {
  const holds = await callTrpc(
    s.urls.inventory,
    "adoptGuestHolds",
    { guestToken: guest.token },
    { token: account.token },
  );
  expect(holds).toMatchObject({ ok: true });
  return s.order<OrderView[]>(account, "adoptGuestCart", { guestToken: guest.token });
};

describe("adoptGuestCart", () => {
  it("joins the guest's cart to the account's cart for the event, holds and all", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 3, priceCents: 2_000 });
    const guest = await s.customer("guest");
    const account = await s.customer();
    const asGuest = await cartWith(guest, eventId, seats[0]!.seatId);
    const asAccount = await cartWith(account, eventId, seats[1]!.seatId);

    const adopted = await signIn(account, guest);
    expect(adopted).toMatchObject({
      ok: true,
      data: [{ orderId: asAccount.cart.orderId, customerId: account.id, status: "draft" }],
    });
    const cart = await s.order<OrderView>(account, "cart", { eventId }, "query");
    expect(cart.ok && cart.data.items.map((i) => i.reservationId).sort()).toEqual(
      [asGuest.hold.reservationId, asAccount.hold.reservationId].sort(),
    );
    expect(cart.ok && cart.data.totalCents).toBe(
      asGuest.cart.totalCents + asAccount.cart.totalCents,
    );
    expect(await s.order(guest, "cart", { eventId }, "query")).toMatchObject({ data: null });
    expect(await s.ordering!.db.customerOrder.count({ where: { id: asGuest.cart.orderId } })).toBe(
      0,
    );

    // The seat held as a guest is the account's everywhere: it can give it back itself.
    expect(
      await s.order(account, "removeFromCart", {
        orderId: asAccount.cart.orderId,
        reservationId: asGuest.hold.reservationId,
      }),
    ).toMatchObject({ ok: true });
    expect((await s.inventory.db.seat.findUnique({ where: { id: seats[0]!.seatId } }))?.state).toBe(
      "available",
    );

    // Run again, nothing is left to move.
    expect(await s.order(account, "adoptGuestCart", { guestToken: guest.token })).toMatchObject({
      ok: true,
      data: [],
    });
  });

  it("makes the guest's cart the account's when the account has none", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const guest = await s.customer("guest");
    const account = await s.customer();
    const asGuest = await cartWith(guest, eventId, seats[0]!.seatId);

    const adopted = await signIn(account, guest);
    expect(adopted.ok && adopted.data).toHaveLength(1);
    expect(await s.order(account, "cart", { eventId }, "query")).toMatchObject({
      data: {
        customerId: account.id,
        email: account.email,
        items: [{ reservationId: asGuest.hold.reservationId }],
      },
    });
  });

  it("moves nothing beside an order of the account awaiting payment, naming it", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2 });
    const guest = await s.customer("guest");
    const account = await s.customer();
    const asGuest = await cartWith(guest, eventId, seats[0]!.seatId);
    const asAccount = await cartWith(account, eventId, seats[1]!.seatId);
    await s.order(account, "checkout", { orderId: asAccount.cart.orderId });

    expect(await s.order(account, "adoptGuestCart", { guestToken: guest.token })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: `orderId: order ${asAccount.cart.orderId} for this event is waiting for payment; pay for it or cancel it before adding seats`,
    });
    expect(await s.order(guest, "cart", { eventId }, "query")).toMatchObject({
      data: { orderId: asGuest.cart.orderId },
    });
  });

  it("refuses a token that is not a guest's, naming guestToken, and a guest caller", async () => {
    const guest = await s.customer("guest");
    const account = await s.customer();
    expect(await s.order(account, "adoptGuestCart", { guestToken: account.token })).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "guestToken: not a guest's token",
    });
    expect(await s.order(guest, "adoptGuestCart", { guestToken: guest.token })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
  });
});
