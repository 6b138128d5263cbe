import { randomUUID } from "node:crypto";
import { SeatsGenerated } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import type { EventOfType } from "@marquee/events/registry";
import { Topics } from "@marquee/events/topics";
import type { TestTokenUser } from "@marquee/testkit/tokens";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireHolds } from "../src/app/expire-holds";
import { offerReturnedSeats } from "../src/app/offer-returned-seats";
import type { ReservationView } from "../src/app/reservation-view";
import type { WaitingListEntryView } from "../src/app/waiting-list";
import { callTrpc, startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  // The sweeper waits an hour: each test makes a hold past its time and sweeps it itself. The offer
  // worker keeps its own second, so the nudges of releases and sweeps are what the tests wait on.
  h = await startHarness({ EXPIRY_INTERVAL_MS: "3600000", WAITING_LIST_INTERVAL_MS: "3600000" });
});

afterAll(async () => {
  await h?.stop();
});

type Customer = { token: string; user: TestTokenUser };
const customer = (): Promise<Customer> => h.issuer.tokenFor();

/** Stocks an event with these sections (rows of `perRow` seats) through a real seats-generated. */
const stockLayout = async (sections: Record<string, number>) => {
  const eventId = randomUUID();
  const seats = Object.entries(sections).flatMap(([section, count]) =>
    Array.from({ length: count }, (_, i) => ({
      seatId: randomUUID(),
      section,
      row: "A",
      number: i + 1,
      priceCents: 4_000,
      tier: "standard",
      accessible: false,
    })),
  );
  await h.publish(
    createEvent(SeatsGenerated, {
      key: eventId,
      correlationId: randomUUID(),
      data: {
        eventId,
        layoutId: randomUUID(),
        part: 1,
        parts: 1,
        currency: "EUR",
        holdTtlSeconds: 900,
        seats,
      },
    }),
    Topics.catalogEvents,
  );
  // The first one waits for the consumer group to settle, as the harness's own stocking does.
  await waitFor(
    `stock of ${eventId}`,
    async () => (await h.inventory.db.seat.count({ where: { eventId } })) === seats.length,
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  const inSection = (name: string) => seats.filter((s) => s.section === name).map((s) => s.seatId);
  return { eventId, seatIds: seats.map((s) => s.seatId), inSection };
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

const join = (who: Customer, input: { eventId: string; quantity: number; section?: string }) =>
  callTrpc<WaitingListEntryView>(h.baseUrl, "joinWaitingList", input, { token: who.token });

const mine = async (who: Customer, eventId: string) => {
  const outcome = await callTrpc<{ entry: WaitingListEntryView | null }>(
    h.baseUrl,
    "myWaitingList",
    { eventId },
    { token: who.token, kind: "query" },
  );
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.data.entry;
};

const release = async (who: Customer, reservationId: string) => {
  const outcome = await callTrpc(h.baseUrl, "release", { reservationId }, { token: who.token });
  if (!outcome.ok) throw new Error(outcome.message);
};

const offersOf = (eventId: string) =>
  h.eventsOf(eventId).filter((e): e is EventOfType<"inventory.waiting-list-offered"> => {
    return e.type === "inventory.waiting-list-offered";
  });

const waitForOffer = async (who: Customer, eventId: string): Promise<WaitingListEntryView> => {
  const seen: { entry: WaitingListEntryView | null } = { entry: null };
  await waitFor(`an offer to ${who.user.email}`, async () => {
    seen.entry = await mine(who, eventId);
    return seen.entry?.status === "offered";
  });
  return seen.entry!;
};

/** Makes a hold past its time and runs one sweep, as the sweeper would at its next round. */
const lapse = async (reservationId: string) => {
  await h.inventory.db.reservation.update({
    where: { id: reservationId },
    data: { expiresAt: new Date(Date.now() - 1_000) },
  });
  await expireHolds(h.inventory.deps, 500);
};

describe("the waiting list", () => {
  it("refuses to queue while seats are free, guests, bad input and unknown sections", async () => {
    const { eventId } = await stockLayout({ Stalls: 2 });
    const buyer = await customer();

    const free = await join(buyer, { eventId, quantity: 1 });
    expect(free).toMatchObject({ ok: false, code: "PRECONDITION_FAILED" });
    expect(free.ok || free.message).toBe(
      "eventId: 2 seats of this event are still free; hold them instead of joining the waiting list",
    );
    const section = await join(buyer, { eventId, quantity: 1, section: "Stalls" });
    expect(section.ok || section.message).toMatch(/^section: 2 seats in Stalls are still free/);

    const scope = await callTrpc(h.baseUrl, "waitingListScope", { eventId }, { kind: "query" });
    expect(scope).toMatchObject({ ok: true, data: { freeSeats: 2 } });

    const guest = await h.issuer.tokenFor({ role: "guest" });
    const asGuest = await join(guest, { eventId, quantity: 1 });
    expect(asGuest).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(asGuest.ok || asGuest.message).toMatch(/^Sign in with an account/);

    const unknown = await join(buyer, { eventId, quantity: 1, section: "Gods" });
    expect(unknown.ok || unknown.message).toBe('section: this event has no section called "Gods"');
    const tooMany = await join(buyer, { eventId, quantity: 11 });
    expect(tooMany).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(tooMany.ok || tooMany.message).toContain("quantity");
    const noEvent = await join(buyer, { eventId: randomUUID(), quantity: 1 });
    expect(noEvent).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const anonymous = await callTrpc(h.baseUrl, "joinWaitingList", { eventId, quantity: 1 });
    expect(anonymous).toMatchObject({ ok: false, code: "UNAUTHORIZED" });

    expect(await h.inventory.db.waitingListEntry.count({ where: { eventId } })).toBe(0);
  });

  it("queues a customer once on a sold-out event, shows each their place, and lets them leave", async () => {
    const { eventId, seatIds } = await stockLayout({ Stalls: 2 });
    await hold(await customer(), eventId, seatIds);
    const [ann, bob] = [await customer(), await customer()];

    const first = await join(ann, { eventId, quantity: 2 });
    expect(first).toMatchObject({
      ok: true,
      data: { status: "waiting", position: 1, quantity: 2 },
    });
    const second = await join(bob, { eventId, quantity: 1 });
    expect(second).toMatchObject({ ok: true, data: { status: "waiting", position: 2 } });

    const again = await join(ann, { eventId, quantity: 1 });
    expect(again).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(again.ok || again.message).toBe(
      "You are already on the waiting list for this event (2 seats, number 1 in line)",
    );
    // A double click: two joins at once put the customer in line once.
    const carl = await customer();
    const racing = await Promise.all([1, 2, 3].map(() => join(carl, { eventId, quantity: 1 })));
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(await mine(carl, eventId)).toMatchObject({ status: "waiting", position: 3 });

    const left = await callTrpc(h.baseUrl, "leaveWaitingList", { eventId }, { token: ann.token });
    expect(left).toMatchObject({ ok: true, data: { status: "left", position: null } });
    expect(await mine(ann, eventId)).toBeNull();
    expect(await mine(bob, eventId)).toMatchObject({ status: "waiting", position: 1 });
    const twice = await callTrpc(h.baseUrl, "leaveWaitingList", { eventId }, { token: ann.token });
    expect(twice).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(twice.ok || twice.message).toBe(
      `eventId: you are not on the waiting list for event ${eventId}`,
    );
  });

  it("offers a released hold to the first in line, not the second, as a hold of their own with one announcement, and keeps returned seats from the public", async () => {
    const { eventId, seatIds } = await stockLayout({ Stalls: 3 });
    const seller = await customer();
    const sold = await hold(seller, eventId, seatIds);
    const [ann, bob, public_] = [await customer(), await customer(), await customer()];
    expect((await join(ann, { eventId, quantity: 2 })).ok).toBe(true);
    expect((await join(bob, { eventId, quantity: 2 })).ok).toBe(true);

    await release(seller, sold.reservationId);
    const offer = await waitForOffer(ann, eventId);

    const reservation = await h.inventory.db.reservation.findUnique({
      where: { id: offer.reservationId! },
      include: { seats: true },
    });
    expect(reservation).toMatchObject({
      status: "active",
      customerId: ann.user.id,
      customerEmail: ann.user.email.toLowerCase(),
    });
    expect(reservation!.seats).toHaveLength(2);
    // Side by side: A1–A2 or A2–A3, never A1 and A3.
    const numbers = (
      await h.inventory.db.seat.findMany({
        where: { id: { in: reservation!.seats.map((s) => s.seatId) } },
      })
    )
      .map((s) => s.number)
      .sort();
    expect(numbers[1]! - numbers[0]!).toBe(1);
    expect(await mine(bob, eventId)).toMatchObject({ status: "waiting", position: 1 });

    await waitFor("the offer announced", () => offersOf(eventId).length > 0);
    await waitFor("its hold announced", () =>
      h
        .eventsOf(eventId)
        .some(
          (e) =>
            e.type === "inventory.reservation-created" &&
            e.data.reservationId === offer.reservationId,
        ),
    );
    // Another pass finds nothing to offer: one announcement, one hold.
    await offerReturnedSeats(h.inventory.deps);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const offers = offersOf(eventId);
    expect(offers).toHaveLength(1);
    expect(offers[0]!.data).toMatchObject({
      entryId: offer.entryId,
      customerId: ann.user.id,
      email: ann.user.email.toLowerCase(),
      reservationId: offer.reservationId,
      expiresAt: reservation!.expiresAt.toISOString(),
    });
    expect(offers[0]!.data.seats).toHaveLength(2);

    // The third seat came back too, but Bob (2 seats) waits: the public cannot take it.
    const free = seatIds.find((id) => !reservation!.seats.some((s) => s.seatId === id))!;
    const snatch = await callTrpc(
      h.baseUrl,
      "reserve",
      { eventId, seatIds: [free] },
      { token: public_.token },
    );
    expect(snatch).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(snatch.ok || snatch.message).toMatch(/offered to the waiting list first/);
    const best = await callTrpc(
      h.baseUrl,
      "holdBestAvailable",
      { eventId, quantity: 1 },
      { token: public_.token },
    );
    expect(best).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await h.inventory.db.seat.findUnique({ where: { id: free } }))?.state).toBe(
      "available",
    );
    // The storefront reads the event as sold out, and joining is still allowed: the free seat is
    // kept for the list, not free for everyone.
    const scope = await callTrpc(h.baseUrl, "waitingListScope", { eventId }, { kind: "query" });
    expect(scope).toMatchObject({
      ok: true,
      data: { freeSeats: 0, sections: [{ section: "Stalls", freeSeats: 0 }] },
    });
    expect((await join(public_, { eventId, quantity: 1 })).ok).toBe(true);
  });

  it("passes a lapsed offer to the next in line, frees what nobody waits for, and marks a bought offer taken", async () => {
    const { eventId, seatIds } = await stockLayout({ Stalls: 3 });
    const seller = await customer();
    const sold = await hold(seller, eventId, seatIds);
    const [ann, bob, late] = [await customer(), await customer(), await customer()];
    await join(ann, { eventId, quantity: 2 });
    await join(bob, { eventId, quantity: 2 });

    await release(seller, sold.reservationId);
    const annOffer = await waitForOffer(ann, eventId);
    await lapse(annOffer.reservationId!);

    const bobOffer = await waitForOffer(bob, eventId);
    expect(await mine(ann, eventId)).toMatchObject({
      status: "lapsed",
      reservationId: annOffer.reservationId,
    });
    expect(bobOffer.reservationId).not.toBe(annOffer.reservationId);
    const bobSeats = await h.inventory.db.reservationSeat.count({
      where: { reservationId: bobOffer.reservationId! },
    });
    expect(bobSeats).toBe(2);

    // Nobody waits any more: the seat left over is anyone's.
    const left = await h.inventory.db.seat.findFirst({ where: { eventId, state: "available" } });
    await hold(late, eventId, [left!.id]);

    await h.publishPaymentSucceeded({
      eventId,
      customerId: bob.user.id,
      reservationIds: [bobOffer.reservationId!],
    });
    await waitFor("the offer taken", async () => (await mine(bob, eventId))?.status === "taken");
    const announced = offersOf(eventId).map((e) => e.data.entryId);
    expect(announced.sort()).toEqual([annOffer.entryId, bobOffer.entryId].sort());
  });

  it("offers only what an entry asked for, in its section", async () => {
    const { eventId, inSection } = await stockLayout({ Stalls: 2, Circle: 2 });
    const seller = await customer();
    const stalls = await hold(seller, eventId, inSection("Stalls"));
    await hold(seller, eventId, inSection("Circle"));
    const [circle, three, one] = [await customer(), await customer(), await customer()];
    expect((await join(circle, { eventId, quantity: 2, section: "Circle" })).ok).toBe(true);
    expect((await join(three, { eventId, quantity: 3 })).ok).toBe(true);
    expect((await join(one, { eventId, quantity: 1, section: "Stalls" })).ok).toBe(true);

    // Two Stalls seats come back: Circle's entry cannot use them, three is more than there are.
    await release(seller, stalls.reservationId);
    const offer = await waitForOffer(one, eventId);
    const held = await h.inventory.db.reservationSeat.findMany({
      where: { reservationId: offer.reservationId! },
      include: { seat: true },
    });
    expect(held.map((s) => s.seat.section)).toEqual(["Stalls"]);
    expect(await mine(circle, eventId)).toMatchObject({ status: "waiting", position: 1 });
    expect(await mine(three, eventId)).toMatchObject({ status: "waiting", position: 2 });
    // The other Stalls seat stays kept for the entry that takes any section.
    const rest = inSection("Stalls").find((id) => id !== held[0]!.seatId)!;
    const snatch = await callTrpc(
      h.baseUrl,
      "reserve",
      { eventId, seatIds: [rest] },
      { token: (await customer()).token },
    );
    expect(snatch).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("never puts a seat in two active holds while offers race with public holds", async () => {
    const seats = 30;
    const { eventId, seatIds } = await stockLayout({ Stalls: seats });
    const sellers = await Promise.all([0, 1, 2].map(() => customer()));
    const holds = await Promise.all(
      sellers.map((who, i) => hold(who, eventId, seatIds.slice(i * 10, i * 10 + 10))),
    );
    const waiting = await Promise.all(Array.from({ length: 10 }, () => customer()));
    for (const [i, who] of waiting.entries()) {
      expect((await join(who, { eventId, quantity: 1 + (i % 2) })).ok).toBe(true);
    }
    const crowd = await Promise.all(Array.from({ length: 20 }, () => customer()));

    // Seats come back while the crowd grabs at them and two more offer passes run at once.
    const grabs = crowd.map(async (who, i) => {
      const outcomes = [];
      for (let round = 0; round < 6; round += 1) {
        const seat = seatIds[(i * 7 + round * 11) % seats]!;
        outcomes.push(
          await callTrpc(h.baseUrl, "reserve", { eventId, seatIds: [seat] }, { token: who.token }),
          await callTrpc(
            h.baseUrl,
            "holdBestAvailable",
            { eventId, quantity: 1 },
            { token: who.token },
          ),
        );
      }
      return outcomes;
    });
    await Promise.all([
      ...holds.map((held, i) => release(sellers[i]!, held.reservationId)),
      offerReturnedSeats(h.inventory.deps),
      offerReturnedSeats(h.inventory.deps),
      ...grabs,
    ]);
    for (const outcome of (await Promise.all(grabs)).flat()) {
      expect(outcome.status).toBeLessThan(500);
    }
    await waitFor("every waiting customer offered", async () => {
      return (
        (await h.inventory.db.waitingListEntry.count({ where: { eventId, status: "offered" } })) ===
        waiting.length
      );
    });

    const doubled = await h.inventory.db.$queryRawUnsafe<unknown[]>(
      `SELECT rs.seat_id FROM reservation_seat rs JOIN reservation r ON r.id = rs.reservation_id
        JOIN seat s ON s.id = rs.seat_id
        WHERE s.event_id = $1::uuid AND r.status = 'active'
        GROUP BY rs.seat_id HAVING count(*) > 1`,
      eventId,
    );
    expect(doubled).toEqual([]);
    const entries = await h.inventory.db.waitingListEntry.findMany({ where: { eventId } });
    for (const entry of entries) {
      const offered = await h.inventory.db.reservationSeat.count({
        where: { reservationId: entry.reservationId! },
      });
      expect(offered).toBe(entry.quantity);
    }
    // Seats held by the crowd were never offered away from them, and vice versa.
    const heldSeats = await h.inventory.db.seat.count({ where: { eventId, state: "held" } });
    const activeSeats = await h.inventory.db.reservationSeat.count({
      where: { reservation: { eventId, status: "active" } },
    });
    expect(activeSeats).toBe(heldSeats);
    await waitFor("one announcement per offer", () => offersOf(eventId).length >= waiting.length);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(new Set(offersOf(eventId).map((e) => e.data.entryId)).size).toBe(waiting.length);
    expect(offersOf(eventId)).toHaveLength(waiting.length);
  });
});
