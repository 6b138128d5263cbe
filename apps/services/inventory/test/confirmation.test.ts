import { waitFor } from "@marquee/testkit/wait-for";
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

const hold = async (eventId: string, seatIds: string[]) => {
  const { token, user } = await h.issuer.tokenFor();
  const outcome = await callTrpc<ReservationView>(
    h.baseUrl,
    "reserve",
    { eventId, seatIds },
    { token },
  );
  if (!outcome.ok) throw new Error(outcome.message);
  return { view: outcome.data, customerId: user.id, token };
};

const eventsOfType = (eventId: string, type: string) =>
  h.eventsOf(eventId).filter((e) => e.type === type);

describe("payment confirmation", () => {
  it("sells the held seats and announces reservation-confirmed when payment succeeds", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 3 });
    const seatIds = seats.slice(0, 2).map((s) => s.seatId);
    const { view, customerId } = await hold(eventId, seatIds);

    const { orderId } = await h.publishPaymentSucceeded({
      eventId,
      customerId,
      reservationIds: [view.reservationId],
    });

    await waitFor(
      "reservation-confirmed",
      () => eventsOfType(eventId, "inventory.reservation-confirmed").length > 0,
    );
    expect(eventsOfType(eventId, "inventory.reservation-confirmed").map((e) => e.data)).toEqual([
      {
        reservationId: view.reservationId,
        eventId,
        customerId,
        seatIds: [...seatIds].sort(),
        orderId,
      },
    ]);
    const rows = await h.inventory.db.seat.findMany({ where: { id: { in: seatIds } } });
    expect(rows.map((s) => [s.state, s.reservationId])).toEqual([
      ["sold", view.reservationId],
      ["sold", view.reservationId],
    ]);
    expect(
      await h.inventory.db.reservation.findUnique({ where: { id: view.reservationId } }),
    ).toMatchObject({
      status: "confirmed",
      orderId,
    });
    expect(eventsOfType(eventId, "inventory.reservation-confirmation-failed")).toEqual([]);
  });

  it("refuses the sale and leaves the seat with its new holder when the hold expired and the seat was taken", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 2, holdTtlSeconds: 1 });
    const [taken, free] = [seats[0]!.seatId, seats[1]!.seatId];
    const late = await hold(eventId, [taken, free]);
    await waitFor(
      "the first hold to expire",
      () => eventsOfType(eventId, "inventory.reservation-expired").length > 0,
    );
    const rival = await hold(eventId, [taken]);

    const { orderId } = await h.publishPaymentSucceeded({
      eventId,
      customerId: late.customerId,
      reservationIds: [late.view.reservationId],
    });

    await waitFor(
      "reservation-confirmation-failed",
      () => eventsOfType(eventId, "inventory.reservation-confirmation-failed").length > 0,
    );
    const [failed] = eventsOfType(eventId, "inventory.reservation-confirmation-failed");
    expect(failed?.data).toMatchObject({
      reservationId: late.view.reservationId,
      eventId,
      customerId: late.customerId,
      orderId,
      unavailableSeatIds: [taken],
    });
    expect(eventsOfType(eventId, "inventory.reservation-confirmed")).toEqual([]);
    const seatRows = await h.inventory.db.seat.findMany({
      where: { eventId },
      orderBy: { id: "asc" },
    });
    expect(Object.fromEntries(seatRows.map((s) => [s.id, [s.state, s.reservationId]]))).toEqual({
      [taken]: ["held", rival.view.reservationId],
      [free]: ["available", null],
    });
    expect(
      (await h.inventory.db.reservation.findUnique({ where: { id: late.view.reservationId } }))
        ?.status,
    ).toBe("expired");
  });

  it("sells the seats of an expired hold when they are all still free", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 1, holdTtlSeconds: 1 });
    const late = await hold(eventId, [seats[0]!.seatId]);
    await waitFor(
      "the hold to expire",
      () => eventsOfType(eventId, "inventory.reservation-expired").length > 0,
    );

    const { orderId } = await h.publishPaymentSucceeded({
      eventId,
      customerId: late.customerId,
      reservationIds: [late.view.reservationId],
    });

    await waitFor(
      "reservation-confirmed",
      () => eventsOfType(eventId, "inventory.reservation-confirmed").length > 0,
    );
    expect(eventsOfType(eventId, "inventory.reservation-confirmed")[0]?.data).toMatchObject({
      reservationId: late.view.reservationId,
      orderId,
    });
    expect(await h.inventory.db.seat.findUnique({ where: { id: seats[0]!.seatId } })).toMatchObject(
      {
        state: "sold",
        reservationId: late.view.reservationId,
      },
    );
  });
});
