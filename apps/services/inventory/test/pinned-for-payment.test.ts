import { randomUUID } from "node:crypto";
import { OrderCancelled } from "@marquee/events/contracts/ordering";
import { PaymentFailed } from "@marquee/events/contracts/payment";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import type { TestTokenUser } from "@marquee/testkit/tokens";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireHolds } from "../src/app/expire-holds";
import type { ReservationView } from "../src/app/reservation-view";
import { callTrpc, startHarness, type Harness } from "./harness";

const PIN_MS = 30 * 60 * 1_000;

let h: Harness;

beforeAll(async () => {
  // The sweeper's own timer is made to wait an hour: each test runs its rounds itself (`sweep`),
  // so "the sweeper left it alone" is a fact about a round that ran, not about timing.
  h = await startHarness({ EXPIRY_INTERVAL_MS: "3600000" });
});

afterAll(async () => {
  await h?.stop();
});

type Customer = { token: string; user: TestTokenUser };

const customer = (): Promise<Customer> => h.issuer.tokenFor();

const hold = async (who: Customer, eventId: string, seatIds: string[]) => {
  const outcome = await callTrpc<ReservationView>(
    h.baseUrl,
    "reserve",
    { eventId, seatIds },
    { token: who.token },
  );
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.data.reservationId;
};

const pin = (who: Customer, paymentId: string, reservationIds: unknown) =>
  callTrpc<{ pinnedUntil: string }>(
    h.baseUrl,
    "pinForPayment",
    { paymentId, reservationIds },
    { token: who.token },
  );

const pinned = async (who: Customer, paymentId: string, reservationIds: string[]) => {
  const outcome = await pin(who, paymentId, reservationIds);
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.data.pinnedUntil;
};

const row = async (id: string) => {
  const found = await h.inventory.db.reservation.findUnique({ where: { id } });
  if (!found) throw new Error(`no reservation ${id}`);
  return found;
};

const seatState = async (seatId: string) =>
  (await h.inventory.db.seat.findUnique({ where: { id: seatId } }))?.state;

/** Moves holds' own time into the past, as if their TTL had run out. */
const pastDue = (ids: string[]) =>
  h.inventory.db.reservation.updateMany({
    where: { id: { in: ids } },
    data: { expiresAt: new Date(Date.now() - 1_000) },
  });

/** Runs the sweeper's rounds until it finds nothing more to expire. */
const sweep = async () => {
  while ((await expireHolds(h.inventory.deps, 500)) > 0) {
    // next round
  }
};

const eventsFor = (reservationId: string, type: string) =>
  h.events.filter(
    (e) =>
      e.type === type && (e.data as { reservationId?: string }).reservationId === reservationId,
  );

const applied = async (consumer: string, messageId: string) =>
  waitFor(
    `${consumer} applied ${messageId}`,
    async () =>
      (await h.inventory.db.processedMessage.count({ where: { consumer, messageId } })) === 1,
    { timeoutMs: 60_000, intervalMs: 100 },
  );

describe("pinForPayment", () => {
  it("pins every hold of the request for the payment until about 30 minutes ahead; pinning again moves the end", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 3 });
    const buyer = await customer();
    const first = await hold(buyer, eventId, [seats[0]!.seatId]);
    const second = await hold(buyer, eventId, [seats[1]!.seatId, seats[2]!.seatId]);
    const paymentId = randomUUID();

    const before = Date.now();
    const pinnedUntil = await pinned(buyer, paymentId, [second, first]);
    const after = Date.now();
    expect(Date.parse(pinnedUntil)).toBeGreaterThanOrEqual(before + PIN_MS - 1_000);
    expect(Date.parse(pinnedUntil)).toBeLessThanOrEqual(after + PIN_MS + 1_000);
    for (const id of [first, second]) {
      expect(await row(id)).toMatchObject({
        status: "active",
        pinnedPaymentId: paymentId,
        pinnedUntil: new Date(pinnedUntil),
      });
    }

    // A retried pay request: same payment, the pin's end moves on.
    const again = await pinned(buyer, paymentId, [first, second]);
    expect(Date.parse(again)).toBeGreaterThan(Date.parse(pinnedUntil));
    expect((await row(first)).pinnedUntil).toEqual(new Date(again));

    // Another payment of the same holds replaces the pin.
    const nextPayment = randomUUID();
    const replaced = await pinned(buyer, nextPayment, [first, second]);
    for (const id of [first, second]) {
      expect(await row(id)).toMatchObject({
        status: "active",
        pinnedPaymentId: nextPayment,
        pinnedUntil: new Date(replaced),
      });
    }
    expect(await Promise.all(seats.map((s) => seatState(s.seatId)))).toEqual([
      "held",
      "held",
      "held",
    ]);
  });

  it("keeps a pinned hold past its time from the sweeper, and payment-succeeded then sells it", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 2 });
    const buyer = await customer();
    const paid = await hold(buyer, eventId, [seats[0]!.seatId]);
    const unpinned = await hold(await customer(), eventId, [seats[1]!.seatId]);
    await pinned(buyer, randomUUID(), [paid]);

    await pastDue([paid, unpinned]);
    await sweep();

    // The round ran: the unpinned hold past its time is gone, the pinned one is not.
    expect((await row(unpinned)).status).toBe("expired");
    expect(await seatState(seats[1]!.seatId)).toBe("available");
    expect((await row(paid)).status).toBe("active");
    expect(await seatState(seats[0]!.seatId)).toBe("held");
    await waitFor(
      "reservation-expired of the unpinned hold",
      () => eventsFor(unpinned, "inventory.reservation-expired").length > 0,
    );

    const { orderId } = await h.publishPaymentSucceeded({
      eventId,
      customerId: buyer.user.id,
      reservationIds: [paid],
    });
    await waitFor(
      "reservation-confirmed",
      () => eventsFor(paid, "inventory.reservation-confirmed").length > 0,
    );
    expect(eventsFor(paid, "inventory.reservation-confirmed").map((e) => e.data)).toEqual([
      {
        reservationId: paid,
        eventId,
        customerId: buyer.user.id,
        seatIds: [seats[0]!.seatId],
        orderId,
      },
    ]);
    expect(await row(paid)).toMatchObject({ status: "confirmed", orderId });
    expect(await seatState(seats[0]!.seatId)).toBe("sold");
    expect(eventsFor(paid, "inventory.reservation-expired")).toEqual([]);
    expect(eventsFor(paid, "inventory.reservation-confirmation-failed")).toEqual([]);
  });

  it("refuses the customer's release of a pinned hold and changes nothing", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 2 });
    const buyer = await customer();
    const pinnedHold = await hold(buyer, eventId, [seats[0]!.seatId]);
    const freeHold = await hold(buyer, eventId, [seats[1]!.seatId]);
    const paymentId = randomUUID();
    await pinned(buyer, paymentId, [pinnedHold]);

    const refused = await callTrpc(
      h.baseUrl,
      "release",
      { reservationId: pinnedHold },
      { token: buyer.token },
    );
    expect(refused).toMatchObject({
      ok: false,
      status: 409,
      code: "CONFLICT",
      message: `Your hold ${pinnedHold} is being paid for and cannot be released now.`,
    });
    expect(await row(pinnedHold)).toMatchObject({ status: "active", pinnedPaymentId: paymentId });
    expect(await seatState(seats[0]!.seatId)).toBe("held");

    // The same customer's unpinned hold releases as ever, and is the only one announced.
    const released = await callTrpc(
      h.baseUrl,
      "release",
      { reservationId: freeHold },
      { token: buyer.token },
    );
    expect(released).toMatchObject({ ok: true });
    await waitFor(
      "reservation-released of the unpinned hold",
      () => eventsFor(freeHold, "inventory.reservation-released").length > 0,
    );
    expect(eventsFor(pinnedHold, "inventory.reservation-released")).toEqual([]);
  });

  it("leaves a pinned hold of a cancelled order held, releasing the order's unpinned holds", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 2 });
    const buyer = await customer();
    const pinnedHold = await hold(buyer, eventId, [seats[0]!.seatId]);
    const freeHold = await hold(buyer, eventId, [seats[1]!.seatId]);
    const paymentId = randomUUID();
    await pinned(buyer, paymentId, [pinnedHold]);

    const cancelled = createEvent(OrderCancelled, {
      key: randomUUID(),
      correlationId: randomUUID(),
      data: {
        orderId: randomUUID(),
        customerId: buyer.user.id,
        email: "buyer@example.com",
        eventId,
        reservationIds: [pinnedHold, freeHold],
      },
    });
    await h.publish(cancelled, Topics.orderingOrders);
    await applied(h.groupOf("orders"), cancelled.id);

    expect((await row(freeHold)).status).toBe("released");
    expect(await seatState(seats[1]!.seatId)).toBe("available");
    expect(await row(pinnedHold)).toMatchObject({ status: "active", pinnedPaymentId: paymentId });
    expect(await seatState(seats[0]!.seatId)).toBe("held");
    await waitFor(
      "reservation-released of the unpinned hold",
      () => eventsFor(freeHold, "inventory.reservation-released").length > 0,
    );
    expect(eventsFor(pinnedHold, "inventory.reservation-released")).toEqual([]);
  });

  it("unpins the holds of a failed payment, which the sweeper then expires once past their time", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 2 });
    const buyer = await customer();
    const other = await customer();
    const failedHold = await hold(buyer, eventId, [seats[0]!.seatId]);
    const otherHold = await hold(other, eventId, [seats[1]!.seatId]);
    const failedPayment = randomUUID();
    const otherPayment = randomUUID();
    await pinned(buyer, failedPayment, [failedHold]);
    await pinned(other, otherPayment, [otherHold]);
    await pastDue([failedHold, otherHold]);

    const failed = createEvent(PaymentFailed, {
      key: randomUUID(),
      correlationId: randomUUID(),
      data: {
        paymentId: failedPayment,
        orderId: randomUUID(),
        customerId: buyer.user.id,
        amountCents: 4_500,
        currency: "EUR",
        reason: "card_declined",
        message: "Your card was declined.",
      },
    });
    await h.publish(failed, Topics.paymentPayments);
    await applied(h.groupOf("payments"), failed.id);

    expect(await row(failedHold)).toMatchObject({
      status: "active",
      pinnedPaymentId: null,
      pinnedUntil: null,
    });
    // Another payment's pin is not this failure's to lift.
    expect(await row(otherHold)).toMatchObject({ pinnedPaymentId: otherPayment });

    await sweep();
    expect((await row(failedHold)).status).toBe("expired");
    expect(await seatState(seats[0]!.seatId)).toBe("available");
    expect((await row(otherHold)).status).toBe("active");
    expect(await seatState(seats[1]!.seatId)).toBe("held");
    await waitFor(
      "reservation-expired of the unpinned hold",
      () => eventsFor(failedHold, "inventory.reservation-expired").length > 0,
    );
    expect(eventsFor(failedHold, "inventory.reservation-expired").map((e) => e.data)).toEqual([
      {
        reservationId: failedHold,
        eventId,
        customerId: buyer.user.id,
        seatIds: [seats[0]!.seatId],
      },
    ]);
    expect(eventsFor(otherHold, "inventory.reservation-expired")).toEqual([]);
  });

  it("refuses with CONFLICT to pin a hold that expired, was released or sold, pinning none of the request", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 5 });
    const buyer = await customer();
    const [live, swept, released, sold, lapsed] = await Promise.all(
      seats.map((s) => hold(buyer, eventId, [s.seatId])),
    );
    const ids = { live: live!, swept: swept!, released: released!, sold: sold!, lapsed: lapsed! };

    await pastDue([ids.swept]);
    await sweep();
    expect((await row(ids.swept)).status).toBe("expired");
    expect(
      (
        await callTrpc(
          h.baseUrl,
          "release",
          { reservationId: ids.released },
          { token: buyer.token },
        )
      ).ok,
    ).toBe(true);
    await h.publishPaymentSucceeded({
      eventId,
      customerId: buyer.user.id,
      reservationIds: [ids.sold],
    });
    await waitFor(
      "the sold hold confirmed",
      async () => (await row(ids.sold)).status === "confirmed",
    );
    // Past its time but not swept yet: still `active`, yet no longer live.
    await pastDue([ids.lapsed]);

    const cases: Array<[string, string]> = [
      [ids.swept, "has expired"],
      [ids.lapsed, "has expired"],
      [ids.released, "was released"],
      [ids.sold, "is already sold"],
    ];
    for (const [ended, how] of cases) {
      const outcome = await pin(buyer, randomUUID(), [ids.live, ended]);
      expect(outcome).toMatchObject({
        ok: false,
        status: 409,
        code: "CONFLICT",
        message: `Your hold ${ended} ${how}; nothing was charged.`,
      });
    }
    for (const id of Object.values(ids)) {
      expect(await row(id)).toMatchObject({ pinnedPaymentId: null, pinnedUntil: null });
    }
    expect((await row(ids.lapsed)).status).toBe("active");
    // The live hold on its own can be pinned: it was the ended one that stopped each request.
    await pinned(buyer, randomUUID(), [ids.live]);
  });

  it("answers NOT_FOUND for someone else's or an unknown hold, pinning none of the request", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 2 });
    const buyer = await customer();
    const mine = await hold(buyer, eventId, [seats[0]!.seatId]);
    const theirs = await hold(await customer(), eventId, [seats[1]!.seatId]);
    const unknown = randomUUID();

    for (const foreign of [theirs, unknown]) {
      expect(await pin(buyer, randomUUID(), [mine, foreign])).toMatchObject({
        ok: false,
        status: 404,
        code: "NOT_FOUND",
        message: `reservationIds: no reservation ${foreign} of yours`,
      });
    }
    for (const id of [mine, theirs]) {
      expect(await row(id)).toMatchObject({ status: "active", pinnedPaymentId: null });
    }
    await pinned(buyer, randomUUID(), [mine]);
  });

  it("refuses malformed input with a 400 naming the field, and a caller without a token", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 1 });
    const buyer = await customer();
    const mine = await hold(buyer, eventId, [seats[0]!.seatId]);

    const cases: Array<[{ paymentId: unknown; reservationIds: unknown }, string]> = [
      [{ paymentId: randomUUID(), reservationIds: [] }, "reservationIds: at least one reservation"],
      [
        { paymentId: randomUUID(), reservationIds: [mine, "not-a-uuid"] },
        "reservationIds[1]: a reservation id (uuid)",
      ],
      [{ paymentId: "pay-1", reservationIds: [mine] }, "paymentId: a payment id (uuid)"],
      [
        { paymentId: randomUUID(), reservationIds: [mine, mine] },
        `reservationIds: reservation ${mine} is listed twice`,
      ],
      [
        {
          paymentId: randomUUID(),
          reservationIds: [mine, ...Array.from({ length: 50 }, () => randomUUID())],
        },
        "reservationIds: at most 50 reservations",
      ],
      [
        { paymentId: randomUUID(), reservationIds: mine },
        "reservationIds: a list of reservation ids",
      ],
    ];
    for (const [input, message] of cases) {
      const outcome = await pin(buyer, input.paymentId as string, input.reservationIds);
      expect(outcome).toMatchObject({ ok: false, status: 400, code: "BAD_REQUEST" });
      expect(outcome.ok ? "" : outcome.message).toContain(message);
    }
    expect(
      await callTrpc(h.baseUrl, "pinForPayment", {
        paymentId: randomUUID(),
        reservationIds: [mine],
      }),
    ).toMatchObject({ ok: false, status: 401, code: "UNAUTHORIZED" });
    expect(await row(mine)).toMatchObject({ pinnedPaymentId: null, pinnedUntil: null });
  });
});
