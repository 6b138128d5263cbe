import { randomUUID } from "node:crypto";
import { OrderCancelled } from "@marquee/events/contracts/ordering";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
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

const hold = async (eventId: string, seatIds: string[], user?: { id: string }) => {
  const { token, user: holder } = await h.issuer.tokenFor(user);
  const outcome = await callTrpc<ReservationView>(
    h.baseUrl,
    "reserve",
    { eventId, seatIds },
    { token },
  );
  if (!outcome.ok) throw new Error(outcome.message);
  return { view: outcome.data, customerId: holder.id };
};

const cancelOrder = async (eventId: string, customerId: string, reservationIds: string[]) => {
  const event = createEvent(OrderCancelled, {
    key: randomUUID(),
    correlationId: randomUUID(),
    data: {
      orderId: randomUUID(),
      customerId,
      email: "buyer@example.com",
      eventId,
      reservationIds,
    },
  });
  await h.publish(event, Topics.orderingOrders);
  return event;
};

const processed = async (messageId: string) =>
  (await h.inventory.db.processedMessage.count({
    where: { consumer: h.groupOf("orders"), messageId },
  })) === 1;

describe("ordering.order-cancelled", () => {
  it("releases the order's active holds, frees their seats and announces reservation-released", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 3 });
    const mine = await hold(eventId, [seats[0]!.seatId, seats[1]!.seatId]);
    const others = await hold(eventId, [seats[2]!.seatId]);

    // The other customer's hold is listed too: it must stay theirs.
    const event = await cancelOrder(eventId, mine.customerId, [
      mine.view.reservationId,
      others.view.reservationId,
    ]);
    await waitFor("order-cancelled applied", () => processed(event.id), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });

    const rows = await h.inventory.db.seat.findMany({
      where: { eventId },
      orderBy: { number: "asc" },
    });
    expect(rows.map((s) => s.state)).toEqual(["available", "available", "held"]);
    expect(
      (await h.inventory.db.reservation.findUnique({ where: { id: mine.view.reservationId } }))
        ?.status,
    ).toBe("released");
    await waitFor("reservation-released", () =>
      h.eventsOf(eventId).some((e) => e.type === "inventory.reservation-released"),
    );
    const released = h.eventsOf(eventId).filter((e) => e.type === "inventory.reservation-released");
    expect(released.map((e) => e.data)).toEqual([
      {
        reservationId: mine.view.reservationId,
        eventId,
        customerId: mine.customerId,
        seatIds: [seats[0]!.seatId, seats[1]!.seatId].sort(),
        reason: "order-cancelled",
      },
    ]);
  });

  it("leaves a hold that was already sold alone", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 1 });
    const mine = await hold(eventId, [seats[0]!.seatId]);
    await h.publishPaymentSucceeded({
      eventId,
      customerId: mine.customerId,
      reservationIds: [mine.view.reservationId],
    });
    await waitFor(
      "sold",
      async () =>
        (await h.inventory.db.seat.findUnique({ where: { id: seats[0]!.seatId } }))?.state ===
        "sold",
    );

    const event = await cancelOrder(eventId, mine.customerId, [mine.view.reservationId]);
    await waitFor("order-cancelled applied", () => processed(event.id), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    expect((await h.inventory.db.seat.findUnique({ where: { id: seats[0]!.seatId } }))?.state).toBe(
      "sold",
    );
    expect(h.eventsOf(eventId).filter((e) => e.type === "inventory.reservation-released")).toEqual(
      [],
    );
  });
});
