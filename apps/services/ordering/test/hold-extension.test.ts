import { randomUUID } from "node:crypto";
import { EventPublished } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView } from "../src/app/order-view";
import { callTrpc, eventually, startSaga, type Customer, type Saga } from "./harness";

const MINUTE = 60_000;

let s: Saga;

beforeAll(async () => {
  s = await startSaga();
});

afterAll(async () => {
  await s?.stop();
});

/** Stocks an event and announces it as catalog does, allowing `minutes` of extension. */
const eventAllowing = async (minutes: number) => {
  const stocked = await s.stockEvent({ seats: 2, priceCents: 3_000 });
  await s.publish(
    Topics.catalogEvents,
    createEvent(EventPublished, {
      key: stocked.eventId,
      correlationId: randomUUID(),
      data: {
        eventId: stocked.eventId,
        name: "Extension test",
        venueId: randomUUID(),
        venueName: "Test Hall",
        startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        timeZone: "Europe/Paris",
        holdTtlSeconds: 900,
        salesOpenAt: null,
        salesCloseAt: null,
        waitingRoom: null,
        cancellation: { allowed: false, hoursBefore: 0, feeCents: null, feeBasisPoints: null },
        holdExtensionMinutes: minutes,
      },
    }),
  );
  await eventually(`inventory to know ${stocked.eventId} allows ${minutes} minutes`, async () => {
    const settings = await s.inventory.db.eventSettings.findUnique({
      where: { eventId: stocked.eventId },
    });
    return settings?.startsAt !== null && settings?.holdExtensionMinutes === minutes;
  });
  return stocked;
};

const extend = (customer: Customer, reservationIds: string[]) =>
  callTrpc<{ reservations: Array<{ reservationId: string; expiresAt: string }> }>(
    s.urls.inventory,
    "extendHolds",
    { reservationIds },
    { token: customer.token },
  );

const cartOf = async (customer: Customer, eventId: string) => {
  const outcome = await s.order<OrderView | null>(customer, "cart", { eventId }, "query");
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.data;
};

describe("a hold extended in inventory", () => {
  it("moves the cart's countdown to the new end and marks the item extended; the other hold keeps its end", async () => {
    const { eventId, seats } = await eventAllowing(5);
    const buyer = await s.customer();
    const first = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    const second = await s.hold(buyer, eventId, [seats[1]!.seatId]);
    for (const held of [first, second]) {
      const added = await s.order(buyer, "addToCart", { reservationId: held.reservationId });
      expect(added.ok, added.ok ? "" : added.message).toBe(true);
    }
    const before = await cartOf(buyer, eventId);
    expect(before?.expiresAt).toBe(first.expiresAt);
    expect(before?.items.map((i) => i.extendedAt)).toEqual([null, null]);

    const extended = await extend(buyer, [first.reservationId]);
    expect(extended.ok, extended.ok ? "" : extended.message).toBe(true);
    const newEnd = new Date(Date.parse(first.expiresAt) + 5 * MINUTE).toISOString();

    const after = await eventually("the cart to show the extended hold", async () => {
      const cart = await cartOf(buyer, eventId);
      const item = cart?.items.find((i) => i.reservationId === first.reservationId);
      return item?.expiresAt === newEnd ? cart : undefined;
    });
    const item = (id: string) => after?.items.find((i) => i.reservationId === id);
    expect(item(first.reservationId)?.extendedAt).not.toBeNull();
    expect(item(second.reservationId)).toMatchObject({
      expiresAt: second.expiresAt,
      extendedAt: null,
    });
    // The countdown follows the first hold to end: now the one not extended.
    expect(after?.expiresAt).toBe(second.expiresAt);
    expect(after?.status).toBe("draft");
    expect(after?.totalCents).toBe(before?.totalCents);
  });

  it("leaves the cart as it was when inventory refuses the extension", async () => {
    const { eventId, seats } = await eventAllowing(0);
    const buyer = await s.customer();
    const held = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    const added = await s.order(buyer, "addToCart", { reservationId: held.reservationId });
    expect(added.ok).toBe(true);

    expect(await extend(buyer, [held.reservationId])).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
    });
    const cart = await cartOf(buyer, eventId);
    expect(cart?.expiresAt).toBe(held.expiresAt);
    expect(cart?.items).toMatchObject([{ expiresAt: held.expiresAt, extendedAt: null }]);
    expect(
      s.events.filter(
        (e) =>
          e.type === "inventory.reservation-extended" &&
          (e.data as { reservationId: string }).reservationId === held.reservationId,
      ),
    ).toHaveLength(0);
  });
});
