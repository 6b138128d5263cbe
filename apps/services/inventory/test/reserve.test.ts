import { randomUUID } from "node:crypto";
import { EventUpdated } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { seatLabel } from "@marquee/tickets/seat-label";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReservationView } from "../src/app/reservation-view";
import { createHoldBatcher } from "../src/adapters/db/hold-seats";
import { holdInDatabase, reserveSeats } from "../src/app/reserve-seats";
import type { SeatFacts } from "../src/domain/hold-rules";
import { callTrpc, startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ MAX_SEATS_PER_CUSTOMER: "4" });
});

afterAll(async () => {
  await h?.stop();
});

const activeHoldsPerSeat = (eventId: string) =>
  h.inventory.db.$queryRawUnsafe<Array<{ seatId: string; holds: number }>>(
    `SELECT rs.seat_id::text AS "seatId", count(*)::int AS holds
       FROM reservation_seat rs JOIN reservation r ON r.id = rs.reservation_id
      WHERE r.event_id = $1::uuid AND r.status = 'active'
      GROUP BY rs.seat_id`,
    eventId,
  );

const reserve = (token: string, eventId: string, seatIds: string[]) =>
  callTrpc<ReservationView>(h.baseUrl, "reserve", { eventId, seatIds }, { token });

describe("reserve", () => {
  it("gives each of 50 seats to exactly one of 200 racing clients and tells every loser which seat is taken", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 50 });
    const clients = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => ({
        ...(await h.issuer.tokenFor()),
        seat: seats[i % seats.length]!,
      })),
    );

    const outcomes = await Promise.all(
      clients.map(async (client) => ({
        client,
        outcome: await reserve(client.token, eventId, [client.seat.seatId]),
      })),
    );

    const statuses = outcomes.map(({ outcome }) => outcome.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const winners = outcomes.filter(({ outcome }) => outcome.ok);
    expect(winners).toHaveLength(50);
    expect(new Set(winners.map(({ client }) => client.seat.seatId)).size).toBe(50);
    for (const { client, outcome } of outcomes) {
      if (outcome.ok) continue;
      expect(outcome).toMatchObject({
        status: 409,
        code: "CONFLICT",
        message: `${seatLabel(client.seat)} is already taken`,
      });
    }

    // The database agrees: every seat held once, by the winner's reservation.
    const holds = await activeHoldsPerSeat(eventId);
    expect(holds).toHaveLength(50);
    expect(holds.every((row) => row.holds === 1)).toBe(true);
    const held = await h.inventory.db.seat.findMany({ where: { eventId } });
    expect(held.every((seat) => seat.state === "held" && seat.reservationId !== null)).toBe(true);

    // And so does the stream: one reservation-created per winner, with prices and expiry.
    await waitFor(
      "50 reservation-created events",
      () =>
        h.eventsOf(eventId).filter((e) => e.type === "inventory.reservation-created").length === 50,
    );
    const created = h.eventsOf(eventId).filter((e) => e.type === "inventory.reservation-created");
    const winner = winners[0]!;
    const view = winner.outcome.ok ? winner.outcome.data : null;
    const announced = created.find(
      (e) =>
        e.type === "inventory.reservation-created" && e.data.reservationId === view?.reservationId,
    );
    expect(announced?.data).toEqual({
      reservationId: view?.reservationId,
      eventId,
      customerId: winner.client.user.id,
      currency: "EUR",
      expiresAt: view?.expiresAt,
      seats: [
        {
          seatId: winner.client.seat.seatId,
          section: winner.client.seat.section,
          row: winner.client.seat.row,
          number: winner.client.seat.number,
          priceCents: winner.client.seat.priceCents,
        },
      ],
    });
  });

  it("holds nothing when one seat of a multi-seat request is taken, and names that seat", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 5 });
    const [s1, s2, s3] = seats as [(typeof seats)[0], (typeof seats)[0], (typeof seats)[0]];
    const first = await h.issuer.tokenFor();
    const second = await h.issuer.tokenFor();
    expect((await reserve(first.token, eventId, [s2.seatId])).ok).toBe(true);
    const before = await h.inventory.db.seat.findMany({
      where: { eventId },
      orderBy: { id: "asc" },
    });

    const outcome = await reserve(second.token, eventId, [s1.seatId, s2.seatId, s3.seatId]);

    expect(outcome).toMatchObject({
      ok: false,
      status: 409,
      code: "CONFLICT",
      message: `${seatLabel(s2)} is already taken`,
    });
    expect(
      await h.inventory.db.seat.findMany({ where: { eventId }, orderBy: { id: "asc" } }),
    ).toEqual(before);
    expect(
      await h.inventory.db.reservation.count({ where: { eventId, customerId: second.user.id } }),
    ).toBe(0);
  });

  it("refuses holds on an event catalog cancelled, and holds again if catalog puts it back on sale", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 2 });
    const [s1, s2] = seats as [(typeof seats)[0], (typeof seats)[0]];
    const buyer = await h.issuer.tokenFor();
    const update = (status: "cancelled" | "published") =>
      createEvent(EventUpdated, {
        key: eventId,
        correlationId: randomUUID(),
        data: {
          eventId,
          name: "Cancelled night",
          startsAt: new Date(Date.now() + 86_400_000).toISOString(),
          timeZone: "Europe/Amsterdam",
          status,
          holdTtlSeconds: 900,
        },
      });
    expect((await reserve(buyer.token, eventId, [s1.seatId])).ok).toBe(true);

    const cancelledAt = async () =>
      (await h.inventory.db.eventSettings.findUnique({ where: { eventId } }))?.cancelledAt ?? null;
    await h.publish(update("cancelled"), Topics.catalogEvents);
    await waitFor(
      "the cancellation to reach inventory",
      async () => (await cancelledAt()) !== null,
    );
    expect(await reserve(buyer.token, eventId, [s2.seatId])).toMatchObject({
      ok: false,
      status: 412,
      code: "PRECONDITION_FAILED",
      message: `eventId: event ${eventId} is cancelled; its seats are not on sale`,
    });
    expect(await h.inventory.db.seat.findUnique({ where: { id: s2.seatId } })).toMatchObject({
      state: "available",
    });

    await h.publish(update("published"), Topics.catalogEvents);
    await waitFor("the event back on sale", async () => (await cancelledAt()) === null);
    expect((await reserve(buyer.token, eventId, [s2.seatId])).ok).toBe(true);
  });

  it("refuses bad requests with BAD_REQUEST naming the problem", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 6 });
    const other = await h.stockEvent({ seats: 1 });
    const { token } = await h.issuer.tokenFor();
    const ids = seats.map((s) => s.seatId);
    const unknown = randomUUID();

    const cases: Array<[string[], string]> = [
      [[], "seatIds"],
      [[unknown], `seatIds: unknown seat ${unknown}`],
      [
        [other.seats[0]!.seatId],
        `seatIds: seat ${other.seats[0]!.seatId} is not a seat of event ${eventId}`,
      ],
      [[ids[0]!, ids[0]!], `seatIds: seat ${ids[0]} is listed twice`],
      [
        ids.slice(0, 5),
        "seatIds: at most 4 seats per customer for this event; you hold 0 and asked for 5",
      ],
    ];
    for (const [seatIds, message] of cases) {
      const outcome = await reserve(token, eventId, seatIds);
      expect(outcome).toMatchObject({ ok: false, status: 400, code: "BAD_REQUEST" });
      expect(outcome.ok ? "" : outcome.message).toContain(message);
    }
    expect(await h.inventory.db.reservation.count({ where: { eventId } })).toBe(0);
  });

  it("caps one customer's seats for an event across holds", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 6 });
    const { token } = await h.issuer.tokenFor();
    const ids = seats.map((s) => s.seatId);
    expect((await reserve(token, eventId, ids.slice(0, 3))).ok).toBe(true);

    const outcome = await reserve(token, eventId, ids.slice(3, 5));

    expect(outcome).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "seatIds: at most 4 seats per customer for this event; you hold 3 and asked for 2",
    });
    expect((await reserve(token, eventId, ids.slice(3, 4))).ok).toBe(true);
  });

  it("asks for a signed-in caller", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 1 });
    const outcome = await callTrpc(h.baseUrl, "reserve", { eventId, seatIds: [seats[0]!.seatId] });
    expect(outcome).toMatchObject({ ok: false, status: 401, code: "UNAUTHORIZED" });
  });

  it("keeps one active hold per seat when the database step runs eight times at once without locks", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 1 });
    const seat = seats[0]!;
    const facts: SeatFacts = { ...seat, id: seat.seatId, eventId, currency: "EUR" };
    // Eight statements at once, each with one hold: the guard between transactions.
    const unbatched = createHoldBatcher(h.inventory.deps.holdPool, {
      defaultTtlSeconds: 900,
      cap: 10,
      inFlight: 8,
    });
    const attempt = () =>
      holdInDatabase(
        { holds: unbatched, settings: { holdTtlSeconds: 900, maxSeatsPerCustomer: 10 } },
        {
          customerId: randomUUID(),
          customerEmail: `${randomUUID()}@example.com`,
          eventId,
          seatIds: [seat.seatId],
          cause: { correlationId: randomUUID() },
        },
        [facts],
      );

    const results = await Promise.all(Array.from({ length: 8 }, attempt));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r).toEqual({
        ok: false,
        error: { kind: "seat-taken", seatId: seat.seatId, label: seatLabel(seat) },
      });
    }
    expect(await activeHoldsPerSeat(eventId)).toEqual([{ seatId: seat.seatId, holds: 1 }]);
    expect(await h.inventory.db.outboxMessage.count({ where: { key: eventId } })).toBe(1);
  });

  it("records the hold's expiry in the reservation, the answer and the announced event alike", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 1, holdTtlSeconds: 120 });
    const { token } = await h.issuer.tokenFor();
    const started = Date.now();
    const outcome = await reserve(token, eventId, [seats[0]!.seatId]);
    if (!outcome.ok) throw new Error(outcome.message);
    const { reservationId, expiresAt } = outcome.data;

    const expires = Date.parse(expiresAt);
    expect(expires).toBeGreaterThanOrEqual(started + 119_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 121_000);
    const row = await h.inventory.db.reservation.findUnique({ where: { id: reservationId } });
    expect(row?.expiresAt.toISOString()).toBe(expiresAt);
    const [message] = await h.inventory.db.outboxMessage.findMany({ where: { key: eventId } });
    expect(message).toMatchObject({
      type: "inventory.reservation-created",
      topic: "inventory.reservations",
    });
    expect((message?.payload as { data: { expiresAt: string } }).data.expiresAt).toBe(expiresAt);
    expect(message?.headers).toEqual({
      correlationId: (message?.payload as { correlationId: string }).correlationId,
    });
  });
});

describe("reserve without Redis", () => {
  it("still gives a seat to one buyer only when every lock call fails", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 1 });
    const seat = seats[0]!;
    const deps = {
      ...h.inventory.deps,
      locks: { acquire: () => Promise.reject(new Error("redis unreachable")) },
    };
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        reserveSeats(deps, {
          customerId: randomUUID(),
          customerEmail: `${randomUUID()}@example.com`,
          eventId,
          seatIds: [seat.seatId],
          cause: { correlationId: randomUUID() },
        }),
      ),
    );

    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    for (const o of outcomes.filter((o) => !o.ok)) {
      expect(o).toEqual({
        ok: false,
        error: { kind: "seat-taken", seatId: seat.seatId, label: seatLabel(seat) },
      });
    }
    expect(await activeHoldsPerSeat(eventId)).toEqual([{ seatId: seat.seatId, holds: 1 }]);
  });
});

describe("seat stock", () => {
  it("never frees a held seat when catalog sends its layout chunk again", async () => {
    const { eventId, seats, chunks } = await h.stockEvent({ seats: 2 });
    const { token } = await h.issuer.tokenFor();
    expect((await reserve(token, eventId, [seats[0]!.seatId])).ok).toBe(true);

    const resent = await h.resend(chunks[0]!);
    await waitFor(
      "the re-sent chunk to be processed",
      async () =>
        (await h.inventory.db.processedMessage.count({
          where: { consumer: h.groupOf("catalog"), messageId: resent },
        })) === 1,
    );

    expect(await h.inventory.db.seat.findUnique({ where: { id: seats[0]!.seatId } })).toMatchObject(
      {
        state: "held",
      },
    );
    expect(await h.inventory.db.seat.count({ where: { eventId } })).toBe(2);
  });
});

describe("release and myReservations", () => {
  it("frees the seats of a released hold, announces it once and lists it as released", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 2 });
    const customer = await h.issuer.tokenFor();
    const held = await reserve(
      customer.token,
      eventId,
      seats.map((s) => s.seatId),
    );
    if (!held.ok) throw new Error(held.message);
    const { reservationId } = held.data;

    const stranger = await h.issuer.tokenFor();
    expect(
      await callTrpc(h.baseUrl, "release", { reservationId }, { token: stranger.token }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const first = await callTrpc(
      h.baseUrl,
      "release",
      { reservationId },
      { token: customer.token },
    );
    const again = await callTrpc(
      h.baseUrl,
      "release",
      { reservationId },
      { token: customer.token },
    );
    expect(first).toMatchObject({ ok: true, data: { reservationId, status: "released" } });
    expect(again).toMatchObject({ ok: true, data: { reservationId, status: "released" } });

    const seatRows = await h.inventory.db.seat.findMany({ where: { eventId } });
    expect(seatRows.map((s) => [s.state, s.reservationId])).toEqual([
      ["available", null],
      ["available", null],
    ]);
    await waitFor("reservation-released", () =>
      h.eventsOf(eventId).some((e) => e.type === "inventory.reservation-released"),
    );
    const released = h.eventsOf(eventId).filter((e) => e.type === "inventory.reservation-released");
    expect(released).toHaveLength(1);
    expect(released[0]?.data).toEqual({
      reservationId,
      eventId,
      customerId: customer.user.id,
      seatIds: seats.map((s) => s.seatId).sort(),
      reason: "customer",
    });

    const mine = await callTrpc<ReservationView[]>(
      h.baseUrl,
      "myReservations",
      { eventId },
      { token: customer.token, kind: "query" },
    );
    expect(mine).toMatchObject({ ok: true, data: [{ reservationId, status: "released" }] });
    if (mine.ok) expect(mine.data[0]?.totalCents).toBe(seats[0]!.priceCents + seats[1]!.priceCents);

    const availability = await callTrpc(h.baseUrl, "availability", { eventId }, { kind: "query" });
    expect(availability).toMatchObject({
      ok: true,
      data: { eventId, total: 2, available: 2, held: 0, sold: 0, heldSeatIds: [], soldSeatIds: [] },
    });
  });
});
