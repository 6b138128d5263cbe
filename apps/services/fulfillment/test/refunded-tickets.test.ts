import { randomUUID } from "node:crypto";
import { OrderFailed } from "@marquee/events/contracts/ordering";
import { PaymentRefunded } from "@marquee/events/contracts/payment";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckInListView } from "../src/app/check-in-list-view";
import { callTrpc, dataOf, startHarness, type Harness } from "./harness";

let h: Harness;
let adminToken: string;

beforeAll(async () => {
  h = await startHarness();
  adminToken = (await h.issuer.tokenFor({ role: "admin" })).token;
});
afterAll(async () => {
  await h?.stop();
});

const voidReasonOf = async (ticketId: string) => {
  const [row] = await h.fulfillment.db.$queryRawUnsafe<{ voidReason: string | null }[]>(
    `SELECT void_reason AS "voidReason" FROM ticket WHERE id = $1::uuid`,
    ticketId,
  );
  return row?.voidReason ?? null;
};

describe("refunded tickets", () => {
  it("voids the tickets of the refunded seats only, once, and the door refuses them saying so", async () => {
    const event = await h.publishEvent({ name: "Half Refunded" });
    const order = await h.confirmOrder({
      eventId: event.eventId,
      seats: [
        { section: "A", row: "1", number: 1 },
        { section: "A", row: "1", number: 2 },
      ],
    });
    await h.ticketsIssued(order.orderId, 2);
    const tickets = await h.ticketsOf(order);
    const [refundedSeat, keptSeat] = order.envelope.data.seats;
    const refundedTicket = tickets.find((t) => t.number === refundedSeat?.number);
    const keptTicket = tickets.find((t) => t.number === keptSeat?.number);
    if (!refundedSeat || !refundedTicket || !keptTicket) throw new Error("no tickets");

    const refunded = createEvent(PaymentRefunded, {
      key: order.orderId,
      correlationId: randomUUID(),
      data: {
        paymentId: randomUUID(),
        orderId: order.orderId,
        customerId: order.customerId,
        amountCents: refundedSeat.priceCents,
        currency: "EUR",
        refundId: randomUUID(),
        reason: "Seat with a blocked view",
        kind: "organizer",
        refundedTotalCents: refundedSeat.priceCents,
        paymentAmountCents: order.envelope.data.totalCents,
        seatIds: [refundedSeat.seatId],
        seatsTo: "blocked",
      },
    });
    await h.publish(Topics.paymentPayments, refunded);
    await h.publish(Topics.paymentPayments, refunded);
    await waitFor(
      "the refunded ticket void",
      async () => (await voidReasonOf(refundedTicket.ticketId)) !== null,
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(await voidReasonOf(refundedTicket.ticketId)).toBe("the ticket was refunded");
    expect(await voidReasonOf(keptTicket.ticketId)).toBeNull();

    const list = dataOf(
      await callTrpc<CheckInListView>(
        h.baseUrl,
        "createCheckInList",
        { eventId: event.eventId, name: "Main entrance" },
        { token: adminToken },
      ),
    );
    expect(list.expected).toBe(1);
    expect(
      await callTrpc(
        h.baseUrl,
        "checkIn",
        { listId: list.id, code: refundedTicket.code },
        {
          token: adminToken,
        },
      ),
    ).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: "Ticket void: the ticket was refunded",
    });
    expect(
      await callTrpc(
        h.baseUrl,
        "checkIn",
        { listId: list.id, code: keptTicket.code },
        {
          token: adminToken,
        },
      ),
    ).toMatchObject({ ok: true });
  });
});

describe("a confirmed order that failed after all", () => {
  it("voids every ticket of that order only, once, and the door refuses them saying why", async () => {
    const event = await h.publishEvent({ name: "Lapsed Pin" });
    const failed = await h.confirmOrder({
      eventId: event.eventId,
      seats: [
        { section: "B", row: "2", number: 1 },
        { section: "B", row: "2", number: 2 },
      ],
    });
    const other = await h.confirmOrder({
      eventId: event.eventId,
      seats: [{ section: "B", row: "2", number: 3 }],
    });
    await h.ticketsIssued(failed.orderId, 2);
    await h.ticketsIssued(other.orderId, 1);
    const [first, second] = await h.ticketsOf(failed);
    const [kept] = await h.ticketsOf(other);
    if (!first || !second || !kept) throw new Error("no tickets");

    const orderFailed = createEvent(OrderFailed, {
      key: failed.orderId,
      correlationId: randomUUID(),
      data: {
        orderId: failed.orderId,
        customerId: failed.customerId,
        email: failed.envelope.data.email,
        eventId: event.eventId,
        reason: "the hold expired and the seats were taken by someone else",
      },
    });
    await h.publish(Topics.orderingOrders, orderFailed);
    await h.publish(Topics.orderingOrders, orderFailed);
    await waitFor(
      "both tickets of the failed order void",
      async () =>
        (await voidReasonOf(first.ticketId)) !== null &&
        (await voidReasonOf(second.ticketId)) !== null,
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    const reason = "the order failed and its payment is refunded";
    expect(await voidReasonOf(first.ticketId)).toBe(reason);
    expect(await voidReasonOf(second.ticketId)).toBe(reason);
    expect(await voidReasonOf(kept.ticketId)).toBeNull();

    const list = dataOf(
      await callTrpc<CheckInListView>(
        h.baseUrl,
        "createCheckInList",
        { eventId: event.eventId, name: "Side door" },
        { token: adminToken },
      ),
    );
    expect(
      await callTrpc(
        h.baseUrl,
        "checkIn",
        { listId: list.id, code: first.code },
        { token: adminToken },
      ),
    ).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: `Ticket void: ${reason}`,
    });
  });
});
