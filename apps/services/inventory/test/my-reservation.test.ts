import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReservationView } from "../src/app/reservation-view";
import { callTrpc, startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const myReservation = (token: string, input: unknown) =>
  callTrpc<ReservationView>(h.baseUrl, "myReservation", input, { token, kind: "query" });

describe("myReservation", () => {
  it("answers the caller's hold by id with its seats at the prices they were held at", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 2 });
    const customer = await h.issuer.tokenFor();
    const held = await callTrpc<ReservationView>(
      h.baseUrl,
      "reserve",
      { eventId, seatIds: seats.map((s) => s.seatId) },
      { token: customer.token },
    );
    if (!held.ok) throw new Error(held.message);

    const found = await myReservation(customer.token, { reservationId: held.data.reservationId });
    // Listed by section, row and number, as myReservations lists them.
    const bySeat = [...held.data.seats].sort((a, b) => a.number - b.number);
    expect(found).toEqual({ ok: true, status: 200, data: { ...held.data, seats: bySeat } });
  });

  it("finds a hold older than the fifty newest the list shows", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 2 });
    const customer = await h.issuer.tokenFor();
    const reserve = (seatId: string) =>
      callTrpc<ReservationView>(
        h.baseUrl,
        "reserve",
        { eventId, seatIds: [seatId] },
        { token: customer.token },
      );
    const oldest = await reserve(seats[0]!.seatId);
    if (!oldest.ok) throw new Error(oldest.message);
    for (let i = 0; i < 50; i++) {
      const newer = await reserve(seats[1]!.seatId);
      if (!newer.ok) throw new Error(newer.message);
      const release = { reservationId: newer.data.reservationId };
      expect(
        await callTrpc(h.baseUrl, "release", release, { token: customer.token }),
      ).toMatchObject({ ok: true });
    }
    const listed = await callTrpc<ReservationView[]>(
      h.baseUrl,
      "myReservations",
      { eventId },
      { token: customer.token, kind: "query" },
    );
    expect(
      listed.ok && listed.data.some((r) => r.reservationId === oldest.data.reservationId),
    ).toBe(false);

    const found = await myReservation(customer.token, {
      reservationId: oldest.data.reservationId,
    });
    expect(found).toMatchObject({
      ok: true,
      data: { reservationId: oldest.data.reservationId, status: "active" },
    });
  });

  it("answers NOT_FOUND naming reservationId for someone else's hold and an unknown one", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 1 });
    const owner = await h.issuer.tokenFor();
    const held = await callTrpc<ReservationView>(
      h.baseUrl,
      "reserve",
      { eventId, seatIds: [seats[0]!.seatId] },
      { token: owner.token },
    );
    if (!held.ok) throw new Error(held.message);
    const stranger = await h.issuer.tokenFor();

    const theirs = await myReservation(stranger.token, { reservationId: held.data.reservationId });
    expect(theirs).toMatchObject({
      ok: false,
      status: 404,
      code: "NOT_FOUND",
      message: `reservationId: no reservation ${held.data.reservationId} of yours`,
    });
    const unknownId = randomUUID();
    expect(await myReservation(owner.token, { reservationId: unknownId })).toMatchObject({
      ok: false,
      status: 404,
      code: "NOT_FOUND",
      message: `reservationId: no reservation ${unknownId} of yours`,
    });
  });

  it("refuses a malformed id naming the field, and a caller without a token", async () => {
    const customer = await h.issuer.tokenFor();
    const bad = await myReservation(customer.token, { reservationId: "hold-1" });
    expect(bad).toMatchObject({ ok: false, status: 400, code: "BAD_REQUEST" });
    expect(!bad.ok && bad.message).toMatch(/^Invalid input: reservationId: /);

    const anonymous = await callTrpc(
      h.baseUrl,
      "myReservation",
      { reservationId: randomUUID() },
      { kind: "query" },
    );
    expect(anonymous).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
  });
});
