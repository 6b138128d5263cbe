import { randomUUID } from "node:crypto";
import { OrderConfirmed } from "@marquee/events/contracts/ordering";
import { createEvent } from "@marquee/events/create-event";
import { formatShortCode, generateShortCode, readShortCode } from "@marquee/tickets/short-code";
import { verifyTicketCode } from "@marquee/tickets/ticket-code";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueTickets } from "../src/app/issue-tickets";
import type { TicketView } from "../src/app/ticket-view";
import { callTrpc, SIGNING_KEY, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const orderTickets = (orderId: string, token: string) =>
  callTrpc<TicketView[]>(h.baseUrl, "orderTickets", { orderId }, { token, kind: "query" });

describe("issuing tickets for a confirmed order", () => {
  it("issues one ticket per seat with a signed code, the QR and the event's details", async () => {
    const event = await h.publishEvent({ name: "Harbour Lights", venueName: "Theatre Royal" });
    const order = await h.confirmOrder({
      eventId: event.eventId,
      seats: [
        { section: "Stalls", row: "C", number: 12 },
        { section: "Stalls", row: "C", number: 11 },
        { section: "Stalls", row: "D", number: 1 },
      ],
    });
    await h.ticketsIssued(order.orderId, 3);

    const outcome = await orderTickets(order.orderId, order.token);
    if (!outcome.ok) throw new Error(outcome.message);
    const tickets = outcome.data;
    expect(tickets.map((t) => `${t.section}/${t.row}/${t.number}`)).toEqual([
      "Stalls/C/11",
      "Stalls/C/12",
      "Stalls/D/1",
    ]);
    for (const t of tickets) {
      expect(t).toMatchObject({
        orderId: order.orderId,
        eventId: event.eventId,
        eventName: "Harbour Lights",
        venueName: "Theatre Royal",
        startsAt: "2026-12-12T19:00:00.000Z",
        timeZone: "Europe/Berlin",
        checkedInAt: null,
      });
      expect(verifyTicketCode(SIGNING_KEY, t.code)).toEqual({
        ticketId: t.ticketId,
        eventId: event.eventId,
      });
      expect(t.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      expect(t).toMatchObject({ voidedAt: null, voidReason: null });
      // The short code as printed, and one that checks.
      expect(t.shortCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      expect(readShortCode(t.shortCode)).toEqual({
        kind: "short-code",
        code: t.shortCode.replace("-", ""),
      });
    }
    expect(new Set(tickets.map((t) => t.code)).size).toBe(3);
    expect(new Set(tickets.map((t) => t.shortCode)).size).toBe(3);

    const [issued] = await waitFor("tickets-issued on Kafka", () => {
      const found = h.eventsOfOrder(order.orderId, "fulfillment.tickets-issued");
      return found.length > 0 && found;
    });
    expect(issued?.data).toMatchObject({
      orderId: order.orderId,
      customerId: order.customerId,
      email: order.email,
      eventId: event.eventId,
      event: { name: "Harbour Lights", venueName: "Theatre Royal", timeZone: "Europe/Berlin" },
    });
    const published = (
      issued?.data as { tickets: { ticketId: string; code: string; shortCode?: string }[] }
    ).tickets;
    expect(published.map((t) => t.code).sort()).toEqual(tickets.map((t) => t.code).sort());
    expect(published.map((t) => formatShortCode(t.shortCode ?? "")).sort()).toEqual(
      tickets.map((t) => t.shortCode).sort(),
    );
  });

  it("issues nothing more when the confirmation is redelivered or sent again", async () => {
    const event = await h.publishEvent();
    const order = await h.confirmOrder({ eventId: event.eventId });
    await h.ticketsIssued(order.orderId, 2);
    const before = await orderTickets(order.orderId, order.token);

    // The same envelope again (Kafka redelivery), then the same confirmation under a new id. Both
    // go to the order's partition in this order, so once the second is processed so is the first.
    const resent = { ...order.envelope, id: randomUUID() };
    await h.publish(Topics.orderingOrders, order.envelope);
    await h.publish(Topics.orderingOrders, resent);
    await waitFor("the repeats to be consumed", async () => {
      const rows = await h.fulfillment.db.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM processed_message WHERE message_id = $1::uuid`,
        resent.id,
      );
      return rows.length === 1;
    });

    const after = await orderTickets(order.orderId, order.token);
    expect(after).toEqual(before);
    await waitFor(
      "the first tickets-issued",
      () => h.eventsOfOrder(order.orderId, "fulfillment.tickets-issued").length === 1,
    );
    expect(h.eventsOfOrder(order.orderId, "fulfillment.tickets-issued")).toHaveLength(1);
  });

  it("issues tickets even before the event's details arrive, and shows them once they do", async () => {
    const eventId = randomUUID();
    const order = await h.confirmOrder({ eventId, seats: [{ section: "B", row: "1", number: 4 }] });
    await h.ticketsIssued(order.orderId, 1);
    const early = await orderTickets(order.orderId, order.token);
    expect(early.ok && early.data[0]?.eventName).toBe("Event details to follow");

    await h.publishEvent({ eventId, name: "Late Arrival" });
    const late = await orderTickets(order.orderId, order.token);
    expect(late.ok && late.data[0]?.eventName).toBe("Late Arrival");
  });
});

describe("short codes", () => {
  it("draws another short code when the first one drawn is taken", async () => {
    const event = await h.publishEvent();
    const taken = await h.confirmOrder({
      eventId: event.eventId,
      seats: [{ section: "S", row: "1", number: 1 }],
    });
    await h.ticketsIssued(taken.orderId, 1);
    const [existing] = await h.fulfillment.db.$queryRawUnsafe<{ shortCode: string }[]>(
      `SELECT short_code AS "shortCode" FROM ticket WHERE order_id = $1::uuid`,
      taken.orderId,
    );
    // The source hands out the taken code twice before a fresh one.
    const fresh = generateShortCode();
    const draws = [existing!.shortCode, existing!.shortCode, fresh];
    const orderId = randomUUID();
    const confirmed = createEvent(OrderConfirmed, {
      key: orderId,
      correlationId: randomUUID(),
      data: {
        ...taken.envelope.data,
        orderId,
        seats: [{ ...taken.envelope.data.seats[0]!, seatId: randomUUID() }],
      },
    });
    const outcome = await h.fulfillment.deps.db.$transaction((tx) =>
      issueTickets(tx, confirmed, {
        signingKey: SIGNING_KEY,
        log: h.fulfillment.deps.log,
        newShortCode: () => draws.shift() ?? generateShortCode(),
      }),
    );
    expect(outcome).toBe("issued");
    expect(draws).toEqual([]);
    const rows = await h.fulfillment.db.$queryRawUnsafe<{ shortCode: string }[]>(
      `SELECT short_code AS "shortCode" FROM ticket WHERE order_id = $1::uuid`,
      orderId,
    );
    expect(rows).toEqual([{ shortCode: fresh }]);
  });

  it("refuses a second ticket with the same short code in the database itself", async () => {
    const event = await h.publishEvent();
    const order = await h.confirmOrder({ eventId: event.eventId });
    await h.ticketsIssued(order.orderId, 2);
    const update = h.fulfillment.db.$executeRawUnsafe(
      `UPDATE ticket SET short_code = (SELECT min(short_code) FROM ticket WHERE order_id = $1::uuid)
        WHERE order_id = $1::uuid`,
      order.orderId,
    );
    await expect(update).rejects.toThrow(/ticket_short_code_key|unique/i);
  });
});

describe("who sees which tickets", () => {
  it("lists a customer's own tickets only, and an order's tickets to its owner and admins", async () => {
    const event = await h.publishEvent();
    const mine = await h.confirmOrder({ eventId: event.eventId });
    const again = await h.confirmOrder({
      eventId: event.eventId,
      customerId: mine.customerId,
      seats: [{ section: "A", row: "9", number: 1 }],
    });
    const theirs = await h.confirmOrder({ eventId: event.eventId });
    await h.ticketsIssued(mine.orderId, 2);
    await h.ticketsIssued(again.orderId, 1);
    await h.ticketsIssued(theirs.orderId, 2);

    const my = await callTrpc<TicketView[]>(h.baseUrl, "myTickets", undefined, {
      token: mine.token,
      kind: "query",
    });
    if (!my.ok) throw new Error(my.message);
    expect(new Set(my.data.map((t) => t.orderId))).toEqual(new Set([mine.orderId, again.orderId]));
    expect(my.data).toHaveLength(3);

    const foreign = await orderTickets(theirs.orderId, mine.token);
    expect(foreign).toMatchObject({ ok: false, code: "FORBIDDEN" });

    const { token: adminToken } = await h.issuer.tokenFor({ role: "admin" });
    const asAdmin = await orderTickets(theirs.orderId, adminToken);
    expect(asAdmin.ok && asAdmin.data).toHaveLength(2);
  });

  it("answers an empty list for an order not issued yet, and refuses anonymous callers", async () => {
    const { token } = await h.issuer.tokenFor();
    expect(await orderTickets(randomUUID(), token)).toMatchObject({ ok: true, data: [] });
    const anonymous = await callTrpc(h.baseUrl, "myTickets", undefined, { kind: "query" });
    expect(anonymous).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
  });

  it("names the field when the order id is not a UUID", async () => {
    const { token } = await h.issuer.tokenFor();
    const outcome = await orderTickets("not-a-uuid", token);
    expect(outcome).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(outcome.ok ? "" : outcome.message).toMatch(/orderId/);
  });
});
