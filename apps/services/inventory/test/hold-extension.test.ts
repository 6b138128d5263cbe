import { randomUUID } from "node:crypto";
import { EventPublished } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import type { TestTokenUser } from "@marquee/testkit/tokens";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireHolds } from "../src/app/expire-holds";
import type { ReservationView } from "../src/app/reservation-view";
import { callTrpc, startHarness, type Harness } from "./harness";

const MINUTE = 60_000;

let h: Harness;

beforeAll(async () => {
  // The sweeper's own timer waits an hour: each test runs its rounds itself (`sweep`), so "the
  // sweeper left it alone" is a fact about a round that ran, not about timing.
  h = await startHarness({ EXPIRY_INTERVAL_MS: "3600000" });
});

afterAll(async () => {
  await h?.stop();
});

type Customer = { token: string; user: TestTokenUser };
type Extended = { reservations: Array<{ reservationId: string; expiresAt: string }> };

const customer = (): Promise<Customer> => h.issuer.tokenFor();

/** Stocks an event and announces it as catalog does, allowing `minutes` of extension. */
const eventAllowing = async (minutes: number, seats = 3) => {
  const stocked = await h.stockEvent({ seats });
  await h.publish(
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
    Topics.catalogEvents,
  );
  await waitFor(`extension setting of ${stocked.eventId}`, async () => {
    const settings = await h.inventory.db.eventSettings.findUnique({
      where: { eventId: stocked.eventId },
    });
    return settings?.startsAt !== null && settings?.holdExtensionMinutes === minutes;
  });
  return stocked;
};

const hold = async (who: Customer, eventId: string, seatIds: string[]) => {
  const outcome = await callTrpc<ReservationView>(
    h.baseUrl,
    "reserve",
    { eventId, seatIds },
    { token: who.token },
  );
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.data;
};

const extend = (who: Customer, reservationIds: unknown) =>
  callTrpc<Extended>(h.baseUrl, "extendHolds", { reservationIds }, { token: who.token });

const row = async (id: string) => {
  const found = await h.inventory.db.reservation.findUnique({ where: { id } });
  if (!found) throw new Error(`no reservation ${id}`);
  return found;
};

const seatState = async (seatId: string) =>
  (await h.inventory.db.seat.findUnique({ where: { id: seatId } }))?.state;

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

/**
 * Waits until the outbox has sent every event of this event's holds and the watcher has seen the
 * last, so "no such event" means none was written.
 */
const outboxSent = async (eventId: string) => {
  await waitFor(
    `outbox of ${eventId} sent`,
    async () =>
      (await h.inventory.db.outboxMessage.count({ where: { key: eventId, sentAt: null } })) === 0,
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  const last = await h.inventory.db.outboxMessage.findFirst({
    where: { key: eventId },
    orderBy: { seq: "desc" },
  });
  await waitFor(`the watcher saw ${eventId}'s last event`, () =>
    h.events.some((e) => e.id === last?.id),
  );
};

describe("extendHolds", () => {
  it("adds the event's minutes to the customer's hold once and announces reservation-extended with the new end", async () => {
    const { eventId, seats } = await eventAllowing(5);
    const buyer = await customer();
    const held = await hold(buyer, eventId, [seats[0]!.seatId, seats[1]!.seatId]);

    const outcome = await extend(buyer, [held.reservationId]);
    expect(outcome.ok, outcome.ok ? "" : outcome.message).toBe(true);
    if (!outcome.ok) return;
    const newEnd = Date.parse(held.expiresAt) + 5 * MINUTE;
    expect(outcome.data.reservations).toEqual([
      { reservationId: held.reservationId, expiresAt: new Date(newEnd).toISOString() },
    ]);
    const stored = await row(held.reservationId);
    expect(stored.status).toBe("active");
    expect(stored.expiresAt.getTime()).toBe(newEnd);
    expect(stored.extendedAt).not.toBeNull();
    expect(await seatState(seats[0]!.seatId)).toBe("held");

    await waitFor(
      "reservation-extended",
      () => eventsFor(held.reservationId, "inventory.reservation-extended").length === 1,
    );
    const [announced] = eventsFor(held.reservationId, "inventory.reservation-extended");
    expect(announced?.key).toBe(eventId);
    expect(announced?.data).toEqual({
      reservationId: held.reservationId,
      eventId,
      customerId: buyer.user.id,
      seatIds: [seats[0]!.seatId, seats[1]!.seatId].sort(),
      expiresAt: new Date(newEnd).toISOString(),
    });
  });

  it("refuses a second extension of the same hold and changes nothing", async () => {
    const { eventId, seats } = await eventAllowing(5);
    const buyer = await customer();
    const held = await hold(buyer, eventId, [seats[0]!.seatId]);
    expect((await extend(buyer, [held.reservationId])).ok).toBe(true);
    const once = await row(held.reservationId);

    const again = await extend(buyer, [held.reservationId]);
    expect(again).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!again.ok && again.message).toContain("was already extended once");
    expect(await row(held.reservationId)).toEqual(once);
    await outboxSent(eventId);
    expect(eventsFor(held.reservationId, "inventory.reservation-extended")).toHaveLength(1);
  });

  it("lets exactly one of two extensions racing for the same hold through", async () => {
    const { eventId, seats } = await eventAllowing(5);
    const buyer = await customer();
    const held = await hold(buyer, eventId, [seats[0]!.seatId]);

    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => extend(buyer, [held.reservationId])),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.code === "CONFLICT")).toHaveLength(5);
    expect((await row(held.reservationId)).expiresAt.getTime()).toBe(
      Date.parse(held.expiresAt) + 5 * MINUTE,
    );
    await outboxSent(eventId);
    expect(eventsFor(held.reservationId, "inventory.reservation-extended")).toHaveLength(1);
  });

  it("refuses a hold of an event that does not allow extensions, and one inventory knows no setting for", async () => {
    const { eventId, seats } = await eventAllowing(0);
    const buyer = await customer();
    const held = await hold(buyer, eventId, [seats[0]!.seatId]);
    const refused = await extend(buyer, [held.reservationId]);
    expect(refused).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: "This event does not allow holds to be extended.",
    });
    expect((await row(held.reservationId)).expiresAt.toISOString()).toBe(held.expiresAt);
    expect((await row(held.reservationId)).extendedAt).toBeNull();

    // Stocked only (a draft catalog never announced): no extension either.
    const draft = await h.stockEvent({ seats: 1 });
    const draftHold = await hold(buyer, draft.eventId, [draft.seats[0]!.seatId]);
    expect(await extend(buyer, [draftHold.reservationId])).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
    });
    await outboxSent(eventId);
    expect(eventsFor(held.reservationId, "inventory.reservation-extended")).toHaveLength(0);
  });

  it("treats someone else's hold as unknown and extends none of the request's holds", async () => {
    const { eventId, seats } = await eventAllowing(5);
    const buyer = await customer();
    const other = await customer();
    const mine = await hold(buyer, eventId, [seats[0]!.seatId]);
    const theirs = await hold(other, eventId, [seats[1]!.seatId]);

    const refused = await extend(buyer, [mine.reservationId, theirs.reservationId]);
    expect(refused).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: `reservationIds: no reservation ${theirs.reservationId} of yours`,
    });
    expect(await extend(buyer, [randomUUID()])).toMatchObject({ ok: false, code: "NOT_FOUND" });
    for (const r of [mine, theirs]) {
      expect((await row(r.reservationId)).expiresAt.toISOString()).toBe(r.expiresAt);
      expect((await row(r.reservationId)).extendedAt).toBeNull();
    }
    await outboxSent(eventId);
    expect(eventsFor(mine.reservationId, "inventory.reservation-extended")).toHaveLength(0);
  });

  it("refuses a hold past its time (swept or not), a released one and a pinned one", async () => {
    const { eventId, seats } = await eventAllowing(5, 4);
    const buyer = await customer();
    const lapsed = await hold(buyer, eventId, [seats[0]!.seatId]);
    const released = await hold(buyer, eventId, [seats[1]!.seatId]);
    const paying = await hold(buyer, eventId, [seats[2]!.seatId]);
    await h.inventory.db.reservation.update({
      where: { id: lapsed.reservationId },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });

    // Past its time, not swept yet.
    expect(await extend(buyer, [lapsed.reservationId])).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: `Your hold ${lapsed.reservationId} has expired; it cannot be extended.`,
    });
    await sweep();
    expect((await row(lapsed.reservationId)).status).toBe("expired");
    expect(await extend(buyer, [lapsed.reservationId])).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: `Your hold ${lapsed.reservationId} has expired; it cannot be extended.`,
    });

    const release = await callTrpc(
      h.baseUrl,
      "release",
      { reservationId: released.reservationId },
      { token: buyer.token },
    );
    expect(release.ok).toBe(true);
    expect(await extend(buyer, [released.reservationId])).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: `Your hold ${released.reservationId} was released; it cannot be extended.`,
    });

    const pin = await callTrpc(
      h.baseUrl,
      "pinForPayment",
      { paymentId: randomUUID(), reservationIds: [paying.reservationId] },
      { token: buyer.token },
    );
    expect(pin.ok).toBe(true);
    expect(await extend(buyer, [paying.reservationId])).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: `Your hold ${paying.reservationId} is being paid for; it is kept until the payment ends.`,
    });
    expect((await row(paying.reservationId)).expiresAt.toISOString()).toBe(paying.expiresAt);
    await outboxSent(eventId);
    for (const r of [lapsed, released, paying]) {
      expect(eventsFor(r.reservationId, "inventory.reservation-extended")).toHaveLength(0);
    }
  });

  it("keeps an extended hold from the sweeper at its old end, and expires it at its new one", async () => {
    const { eventId, seats } = await eventAllowing(5, 2);
    const buyer = await customer();
    const extended = await hold(buyer, eventId, [seats[0]!.seatId]);
    const plain = await hold(buyer, eventId, [seats[1]!.seatId]);
    // Both holds are about to end: a second from now.
    const soon = new Date(Date.now() + 1_000);
    await h.inventory.db.reservation.updateMany({
      where: { id: { in: [extended.reservationId, plain.reservationId] } },
      data: { expiresAt: soon },
    });
    const outcome = await extend(buyer, [extended.reservationId]);
    expect(outcome.ok, outcome.ok ? "" : outcome.message).toBe(true);

    await waitFor("the old end to pass", () => Date.now() > soon.getTime() + 200, {
      intervalMs: 50,
    });
    await sweep();
    expect((await row(plain.reservationId)).status).toBe("expired");
    expect(await seatState(seats[1]!.seatId)).toBe("available");
    expect(await row(extended.reservationId)).toMatchObject({
      status: "active",
      expiresAt: new Date(soon.getTime() + 5 * MINUTE),
    });
    expect(await seatState(seats[0]!.seatId)).toBe("held");
    await outboxSent(eventId);
    expect(eventsFor(extended.reservationId, "inventory.reservation-expired")).toHaveLength(0);

    // Its new end passes (moved into the past here): the next round expires it as any hold.
    await h.inventory.db.reservation.update({
      where: { id: extended.reservationId },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    await sweep();
    expect((await row(extended.reservationId)).status).toBe("expired");
    await waitFor(
      "reservation-expired of the extended hold",
      () => eventsFor(extended.reservationId, "inventory.reservation-expired").length === 1,
    );
  });

  it("refuses malformed requests naming reservationIds, and a caller without a token", async () => {
    const buyer = await customer();
    const id = randomUUID();
    for (const bad of [[], ["nope"], [id, id]]) {
      const refused = await extend(buyer, bad);
      expect(refused).toMatchObject({ ok: false, code: "BAD_REQUEST" });
      expect(!refused.ok && refused.message).toContain("reservationIds");
    }
    const anonymous = await callTrpc(h.baseUrl, "extendHolds", { reservationIds: [id] });
    expect(anonymous).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
  });
});
