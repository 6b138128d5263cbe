import { randomUUID } from "node:crypto";
import { EventPublished, type CancellationPolicy } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView } from "../src/app/order-view";
import type { CancellationQuoteView } from "../src/app/quote-cancellation";
import { startSaga, VISA_OK, type Customer, type Saga } from "./harness";

let s: Saga;

beforeAll(async () => {
  s = await startSaga();
});

afterAll(async () => {
  await s?.stop();
});

const LONG = { timeoutMs: 90_000, intervalMs: 100 };
const HOUR = 3_600_000;

/** Announces the event as catalog does on publishing, with its start and cancellation policy. */
const publishEvent = async (
  eventId: string,
  startsAt: Date,
  cancellation: Partial<CancellationPolicy>,
) => {
  await s.publish(
    Topics.catalogEvents,
    createEvent(EventPublished, {
      key: eventId,
      correlationId: randomUUID(),
      data: {
        eventId,
        name: "Cancellable concert",
        venueId: randomUUID(),
        venueName: "Test Hall",
        startsAt: startsAt.toISOString(),
        timeZone: "Europe/Berlin",
        holdTtlSeconds: 900,
        salesOpenAt: null,
        salesCloseAt: null,
        waitingRoom: null,
        cancellation: {
          allowed: true,
          hoursBefore: 48,
          feeCents: null,
          feeBasisPoints: null,
          ...cancellation,
        },
      },
    }),
  );
};

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

/** The quote once ordering has heard the event's policy (catalog's event arrives on its own time). */
const quoteOnceKnown = (customer: Customer, orderId: string, seatIds: string[], reason?: string) =>
  waitFor(
    "ordering to hear the event's policy",
    async () => {
      const quote = await s.order<CancellationQuoteView>(
        customer,
        "cancellationQuote",
        { orderId, seatIds },
        "query",
      );
      if (!quote.ok) throw new Error(`cancellationQuote refused: ${quote.message}`);
      const heard = reason
        ? !quote.data.allowed && quote.data.reason === reason
        : quote.data.allowed;
      return heard ? quote.data : undefined;
    },
    LONG,
  );

const seatState = async (seatId: string) =>
  (await s.inventory.db.seat.findUnique({ where: { id: seatId } }))?.state;

describe("a customer cancels within the event's policy", () => {
  it("refunds one of two seats minus the fee once, puts it back on sale, and a repeat with the same key asks nothing more", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2, priceCents: 5_000 });
    const [first, second] = seats;
    if (!first || !second) throw new Error("no seats");
    await publishEvent(eventId, new Date(Date.now() + 7 * 24 * HOUR), { feeCents: 200 });
    const buyer = await s.customer();
    const order = await buy(buyer, eventId, [first.seatId, second.seatId]);
    const { orderId } = order;

    const quote = await quoteOnceKnown(buyer, orderId, [first.seatId]);
    expect(quote).toMatchObject({
      allowed: true,
      seatIds: [first.seatId],
      priceCents: 5_000,
      feeCents: 200,
      refundCents: 4_800,
      currency: order.currency,
      deadline: { timeZone: "Europe/Berlin" },
    });

    const key = randomUUID();
    const cancelled = await s.order<OrderView>(buyer, "cancelMyOrder", {
      orderId,
      seatIds: [first.seatId],
      idempotencyKey: key,
    });
    expect(cancelled).toMatchObject({
      ok: true,
      data: {
        refunds: [
          { kind: "customer", status: "requested", seatIds: [first.seatId], amountCents: 4_800 },
        ],
      },
    });
    const again = await s.order<OrderView>(buyer, "cancelMyOrder", {
      orderId,
      seatIds: [first.seatId],
      idempotencyKey: key,
    });
    expect(again.ok && again.data.refunds).toHaveLength(1);

    const refunded = await waitFor(
      "the customer's refund",
      async () => {
        const view = await s.order<OrderView>(buyer, "order", { orderId }, "query");
        return view.ok && view.data.refunds[0]?.status === "refunded" ? view.data : undefined;
      },
      LONG,
    );
    expect(refunded.refundedCents).toBe(4_800);
    expect(["confirmed", "fulfilled"]).toContain(refunded.status);
    const payments = await s.payment.db.refund.findMany({ where: { payment: { orderId } } });
    expect(payments.map((r) => [r.amountCents, r.kind, r.seatIds])).toEqual([
      [4_800, "customer", [first.seatId]],
    ]);
    expect(s.eventsOfOrder(orderId, "ordering.refund-requested").map((e) => e.data)).toMatchObject([
      { kind: "customer", seatsTo: "available", seatIds: [first.seatId] },
    ]);
    await waitFor("the seat back on sale", async () =>
      (await seatState(first.seatId)) === "available" ? true : undefined,
    );
    expect(await seatState(second.seatId)).toBe("sold");

    // A new cancellation of the same seat is refused by name.
    const twice = await s.order(buyer, "cancelMyOrder", {
      orderId,
      seatIds: [first.seatId],
      idempotencyKey: randomUUID(),
    });
    expect(twice).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(twice.ok ? "" : twice.message).toContain(first.seatId);
  });

  it("takes a percentage fee on what the chosen seats cost", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1, priceCents: 3_333 });
    await publishEvent(eventId, new Date(Date.now() + 7 * 24 * HOUR), { feeBasisPoints: 250 });
    const buyer = await s.customer();
    const order = await buy(buyer, eventId, [seats[0]!.seatId]);
    const quote = await quoteOnceKnown(buyer, order.orderId, []);
    expect(quote).toMatchObject({ feeCents: 83, refundCents: 3_250 });
    const cancelled = await s.order<OrderView>(buyer, "cancelMyOrder", {
      orderId: order.orderId,
      idempotencyKey: randomUUID(),
    });
    expect(cancelled.ok && cancelled.data.refunds[0]?.amountCents).toBe(3_250);
  });

  it("refuses after the deadline naming it, and for an event that allows no cancellations", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const startsAt = new Date(Date.now() + HOUR);
    await publishEvent(eventId, startsAt, {});
    const buyer = await s.customer();
    const order = await buy(buyer, eventId, [seats[0]!.seatId]);
    const quote = await quoteOnceKnown(buyer, order.orderId, [], "cancellation-deadline-passed");
    const deadline = new Date(startsAt.getTime() - 48 * HOUR).toISOString();
    expect(quote).toMatchObject({ allowed: false, deadline: { at: deadline } });
    const refused = await s.order(buyer, "cancelMyOrder", {
      orderId: order.orderId,
      idempotencyKey: randomUUID(),
    });
    expect(refused).toMatchObject({ ok: false, code: "PRECONDITION_FAILED" });
    expect(refused.ok ? "" : refused.message).toContain(deadline);

    const closed = await s.stockEvent({ seats: 1 });
    await publishEvent(closed.eventId, new Date(Date.now() + 7 * 24 * HOUR), { allowed: false });
    const other = await buy(buyer, closed.eventId, [closed.seats[0]!.seatId]);
    await quoteOnceKnown(buyer, other.orderId, [], "cancellation-not-allowed");
    const notAllowed = await s.order(buyer, "cancelMyOrder", {
      orderId: other.orderId,
      idempotencyKey: randomUUID(),
    });
    expect(notAllowed).toMatchObject({ ok: false, code: "PRECONDITION_FAILED" });
    expect(notAllowed.ok ? "" : notAllowed.message).toMatch(/does not allow cancellations/);
    expect(s.eventsOfOrder(order.orderId, "ordering.refund-requested")).toHaveLength(0);
    expect(s.eventsOfOrder(other.orderId, "ordering.refund-requested")).toHaveLength(0);
  });

  it("tells someone else the order does not exist and refuses an order not paid", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2 });
    await publishEvent(eventId, new Date(Date.now() + 7 * 24 * HOUR), {});
    const [buyer, stranger] = [await s.customer(), await s.customer()];
    const order = await buy(buyer, eventId, [seats[0]!.seatId]);
    await quoteOnceKnown(buyer, order.orderId, []);
    for (const [procedure, kind] of [
      ["cancellationQuote", "query"],
      ["cancelMyOrder", "mutation"],
    ] as const) {
      const answer = await s.order(
        stranger,
        procedure,
        { orderId: order.orderId, idempotencyKey: randomUUID() },
        kind,
      );
      expect(answer).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }

    const hold = await s.hold(buyer, eventId, [seats[1]!.seatId]);
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    const unpaid = await s.order(buyer, "cancelMyOrder", {
      orderId: cart.ok ? cart.data.orderId : "",
      idempotencyKey: randomUUID(),
    });
    expect(unpaid).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(s.eventsOfOrder(order.orderId, "ordering.refund-requested")).toHaveLength(0);
  });
});
