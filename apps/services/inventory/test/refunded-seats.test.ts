import { randomUUID } from "node:crypto";
import { PaymentRefunded } from "@marquee/events/contracts/payment";
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

const hold = async (eventId: string, seatIds: string[]) => {
  const { token, user } = await h.issuer.tokenFor();
  const outcome = await callTrpc<ReservationView>(
    h.baseUrl,
    "reserve",
    { eventId, seatIds },
    { token },
  );
  return { outcome, customerId: user.id };
};

const refunded = (
  orderId: string,
  customerId: string,
  seatIds: string[],
  seatsTo: "available" | "blocked",
) =>
  createEvent(PaymentRefunded, {
    key: orderId,
    correlationId: randomUUID(),
    data: {
      paymentId: randomUUID(),
      orderId,
      customerId,
      amountCents: 2_500 * seatIds.length,
      currency: "EUR",
      refundId: randomUUID(),
      reason: "refunded by the organizer",
      kind: "organizer",
      refundedTotalCents: 2_500 * seatIds.length,
      paymentAmountCents: 7_500,
      seatIds,
      seatsTo,
    },
  });

const stateOf = async (seatId: string) =>
  (await h.inventory.db.seat.findUnique({ where: { id: seatId } }))?.state;

describe("refunded seats", () => {
  it("puts seats back on sale once when the organizer says so, keeps blocked ones sold, and a returned seat sells once more", async () => {
    const { eventId, seats } = await h.stockEvent({ seats: 3, priceCents: 2_500 });
    const [back, blocked, kept] = seats.map((s) => s.seatId);
    if (!back || !blocked || !kept) throw new Error("no seats");
    const sold = await hold(eventId, [back, blocked, kept]);
    if (!sold.outcome.ok) throw new Error(sold.outcome.message);
    const { orderId } = await h.publishPaymentSucceeded({
      eventId,
      customerId: sold.customerId,
      reservationIds: [sold.outcome.data.reservationId],
    });
    await waitFor("seats sold", async () => (await stateOf(kept)) === "sold");

    const onSale = refunded(orderId, sold.customerId, [back], "available");
    await h.publish(
      refunded(orderId, sold.customerId, [blocked], "blocked"),
      Topics.paymentPayments,
    );
    await h.publish(onSale, Topics.paymentPayments);
    await h.publish(onSale, Topics.paymentPayments);
    await h.resend(onSale);
    await waitFor("the seat back on sale", async () => (await stateOf(back)) === "available");
    await waitFor("seats-returned announced", () =>
      h.eventsOf(eventId).some((e) => e.type === "inventory.seats-returned"),
    );
    expect(await stateOf(blocked)).toBe("sold");
    expect(await stateOf(kept)).toBe("sold");

    // Two customers race for the returned seat: one gets it.
    const racers = await Promise.all([hold(eventId, [back]), hold(eventId, [back])]);
    const winner = racers.find((r) => r.outcome.ok);
    expect(racers.filter((r) => r.outcome.ok)).toHaveLength(1);
    if (!winner?.outcome.ok) throw new Error("nobody held the returned seat");
    await h.publishPaymentSucceeded({
      eventId,
      customerId: winner.customerId,
      reservationIds: [winner.outcome.data.reservationId],
    });
    await waitFor("the returned seat sold again", async () => (await stateOf(back)) === "sold");

    // The old refund delivered again does not free the seat from its new buyer.
    await h.resend(onSale);
    await h.publish(
      refunded(orderId, sold.customerId, [back], "available"),
      Topics.paymentPayments,
    );
    const marker = refunded(orderId, sold.customerId, [kept], "blocked");
    await h.publish(marker, Topics.paymentPayments);
    await waitFor(
      "the later refunds applied",
      async () =>
        (await h.inventory.db.processedMessage.count({ where: { messageId: marker.id } })) === 1,
    );
    expect(await stateOf(back)).toBe("sold");
    expect(
      h
        .eventsOf(eventId)
        .filter((e) => e.type === "inventory.seats-returned")
        .map((e) => e.data),
    ).toEqual([
      { eventId, orderId, reservationId: sold.outcome.data.reservationId, seatIds: [back] },
    ]);
  });
});
