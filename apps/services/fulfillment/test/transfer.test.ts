import { randomUUID } from "node:crypto";
import { waitFor } from "@marquee/testkit/wait-for";
import { verifyTicketCode } from "@marquee/tickets/ticket-code";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckInListView } from "../src/app/check-in-list-view";
import type { TicketView } from "../src/app/ticket-view";
import {
  callTrpc,
  dataOf,
  SIGNING_KEY,
  startHarness,
  type Harness,
  type PublishedEvent,
} from "./harness";

type Sent = { ticketId: string; toEmail: string; transferredAt: string };
type Person = { id: string; email: string; token: string };

let h: Harness;
let adminToken: string;
let owls: PublishedEvent;
let list: CheckInListView;
beforeAll(async () => {
  h = await startHarness();
  adminToken = (await h.issuer.tokenFor({ role: "admin" })).token;
  owls = await h.publishEvent({ name: "Night Owls Live" });
  list = dataOf(
    await callTrpc<CheckInListView>(
      h.baseUrl,
      "createCheckInList",
      { eventId: owls.eventId, name: "Main entrance" },
      { token: adminToken },
    ),
  );
});
afterAll(async () => {
  await h?.stop();
});

/** Someone signed in with a verified address (or not), as identity's tokens say. */
const person = async (email: string, emailVerified = true): Promise<Person> => {
  const { token, user } = await h.issuer.tokenFor({ email, emailVerified });
  return { id: user.id, email, token };
};

/** A confirmed order of one seat, its buyer and its ticket. */
const buyOne = async (
  event: PublishedEvent = owls,
  seat = { section: "A", row: "1", number: Math.floor(Math.random() * 1_000_000) + 1 },
): Promise<{ buyer: Person; ticket: TicketView }> => {
  const {
    order,
    tickets: [ticket],
  } = await h.buyTickets(event.eventId, [seat]);
  if (!ticket) throw new Error("no ticket issued");
  return { buyer: { id: order.customerId, email: order.email, token: order.token }, ticket };
};

const transfer = (ticketId: string, toEmail: string, token: string) =>
  callTrpc<Sent>(h.baseUrl, "transferTicket", { ticketId, toEmail }, { token });
const myTickets = async (token: string) =>
  dataOf(await callTrpc<TicketView[]>(h.baseUrl, "myTickets", undefined, { token, kind: "query" }));
const checkIn = (code: string) =>
  callTrpc<{ ticket: TicketView }>(
    h.baseUrl,
    "checkIn",
    { listId: list.id, code },
    { token: adminToken },
  );
const transfersOf = (orderId: string) => h.eventsOfOrder(orderId, "fulfillment.ticket-transferred");

const TRANSFERRED = {
  ok: false,
  code: "PRECONDITION_FAILED",
  message: "Ticket void: transferred to another holder",
};

describe("transferring a ticket", () => {
  it("voids the old codes at the door, issues the seat new ones for the recipient, and announces it", async () => {
    const { buyer, ticket } = await buyOne();
    const sent = dataOf(await transfer(ticket.ticketId, "  Friend.One@Example.COM ", buyer.token));
    expect(sent).toEqual({
      ticketId: ticket.ticketId,
      toEmail: "friend.one@example.com",
      transferredAt: expect.any(String) as string,
    });
    // The sender learns nothing of the new codes.
    expect(JSON.stringify(sent)).not.toContain("MQ1.");

    const rows = await h.fulfillment.db.$queryRawUnsafe<
      {
        id: string;
        shortCode: string;
        code: string;
        voidReason: string | null;
        holderEmail: string | null;
        transferredFromId: string | null;
        generation: number;
        section: string;
        number: number;
      }[]
    >(
      `SELECT id::text AS id, short_code AS "shortCode", code, void_reason AS "voidReason",
              holder_email AS "holderEmail", transferred_from_id::text AS "transferredFromId",
              generation, section, number
         FROM ticket WHERE order_id = $1::uuid ORDER BY generation`,
      ticket.orderId,
    );
    expect(rows).toHaveLength(2);
    const [old, fresh] = rows;
    expect(old).toMatchObject({
      id: ticket.ticketId,
      voidReason: "transferred to another holder",
      holderEmail: null,
      generation: 0,
    });
    expect(fresh).toMatchObject({
      voidReason: null,
      holderEmail: "friend.one@example.com",
      transferredFromId: ticket.ticketId,
      generation: 1,
      section: ticket.section,
      number: ticket.number,
    });
    expect(fresh!.id).not.toBe(ticket.ticketId);
    expect(fresh!.shortCode).not.toBe(ticket.shortCode.replace("-", ""));
    expect(verifyTicketCode(SIGNING_KEY, fresh!.code)).toEqual({
      ticketId: fresh!.id,
      eventId: owls.eventId,
    });

    // Both old codes are refused with the reason; the new one gets in, once.
    expect(await checkIn(ticket.code)).toMatchObject(TRANSFERRED);
    expect(await checkIn(ticket.shortCode.toLowerCase())).toMatchObject(TRANSFERRED);
    expect(dataOf(await checkIn(fresh!.shortCode)).ticket.ticketId).toBe(fresh!.id);
    expect(await checkIn(fresh!.code)).toMatchObject({ ok: false, code: "CONFLICT" });

    await waitFor("ticket-transferred", () => transfersOf(ticket.orderId).length === 1, {
      timeoutMs: 30_000,
      intervalMs: 50,
    });
    const [announced] = transfersOf(ticket.orderId);
    expect(announced?.data).toMatchObject({
      orderId: ticket.orderId,
      eventId: owls.eventId,
      fromTicketId: ticket.ticketId,
      fromCustomerId: buyer.id,
      fromEmail: buyer.email.toLowerCase(),
      fromName: "Test User",
      toEmail: "friend.one@example.com",
      ticket: {
        ticketId: fresh!.id,
        section: ticket.section,
        row: ticket.row,
        number: ticket.number,
        code: fresh!.code,
        shortCode: fresh!.shortCode,
      },
      event: { name: "Night Owls Live", venueName: "Club Aurora", timeZone: "Europe/Berlin" },
    });
  });

  it("shows the ticket to the recipient once signed in with that address verified, and no longer to the sender", async () => {
    const { buyer, ticket } = await buyOne();
    const recipientEmail = `recipient-${randomUUID().slice(0, 8)}@example.com`;
    dataOf(await transfer(ticket.ticketId, recipientEmail.toUpperCase(), buyer.token));

    expect((await myTickets(buyer.token)).map((t) => t.ticketId)).not.toContain(ticket.ticketId);
    expect(await myTickets(buyer.token)).toEqual([]);
    const recipient = await person(recipientEmail);
    const theirs = await myTickets(recipient.token);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({
      orderId: ticket.orderId,
      section: ticket.section,
      number: ticket.number,
      voidReason: null,
      eventName: "Night Owls Live",
    });
    expect(theirs[0]!.code).not.toBe(ticket.code);
    // The same address, not (yet) verified, is not proof of anything.
    expect(await myTickets((await person(recipientEmail, false)).token)).toEqual([]);

    // The buyer's order shows their ticket as sent on (void), never the recipient's codes.
    const order = dataOf(
      await callTrpc<TicketView[]>(
        h.baseUrl,
        "orderTickets",
        { orderId: ticket.orderId },
        { token: buyer.token, kind: "query" },
      ),
    );
    expect(order.map((t) => [t.ticketId, t.voidReason])).toEqual([
      [ticket.ticketId, "transferred to another holder"],
    ]);
    const asAdmin = dataOf(
      await callTrpc<TicketView[]>(
        h.baseUrl,
        "orderTickets",
        { orderId: ticket.orderId },
        { token: adminToken, kind: "query" },
      ),
    );
    expect(asAdmin).toHaveLength(2);
  });

  it("passes along a chain A → B → C: only C's ticket gets in, and each earlier holder has lost it", async () => {
    const { buyer: a, ticket } = await buyOne();
    const b = await person(`b-${randomUUID().slice(0, 8)}@example.com`);
    const c = await person(`c-${randomUUID().slice(0, 8)}@example.com`);
    dataOf(await transfer(ticket.ticketId, b.email, a.token));
    const [bTicket] = await myTickets(b.token);
    if (!bTicket) throw new Error("B does not hold the ticket");

    dataOf(await transfer(bTicket.ticketId, c.email, b.token));
    const [cTicket] = await myTickets(c.token);
    if (!cTicket) throw new Error("C does not hold the ticket");
    expect(await myTickets(a.token)).toEqual([]);
    expect(await myTickets(b.token)).toEqual([]);

    // Neither A nor B can send it again.
    expect(await transfer(ticket.ticketId, "someone@example.com", a.token)).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "This ticket was already sent to someone else; it is no longer yours to transfer",
    });
    expect(await transfer(bTicket.ticketId, "someone@example.com", b.token)).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });

    for (const code of [ticket.code, ticket.shortCode, bTicket.code, bTicket.shortCode]) {
      expect(await checkIn(code)).toMatchObject(TRANSFERRED);
    }
    expect(dataOf(await checkIn(cTicket.code)).ticket.ticketId).toBe(cTicket.ticketId);
    await waitFor("both transfers announced", () => transfersOf(ticket.orderId).length === 2, {
      timeoutMs: 30_000,
      intervalMs: 50,
    });
    expect(
      transfersOf(ticket.orderId).map((e) => (e.data as { fromEmail: string }).fromEmail),
    ).toEqual([a.email.toLowerCase(), b.email]);
  });

  it("transfers a ticket once when two transfers of it race", async () => {
    const { buyer, ticket } = await buyOne();
    const outcomes = await Promise.all([
      transfer(ticket.ticketId, "first@example.com", buyer.token),
      transfer(ticket.ticketId, "second@example.com", buyer.token),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toMatchObject([{ code: "CONFLICT" }]);
    const [row] = await h.fulfillment.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ticket WHERE transferred_from_id = $1::uuid`,
      ticket.ticketId,
    );
    expect(row?.n).toBe(1);
  });
});

describe("transfers refused", () => {
  it("refuses sending a ticket to yourself, in any case", async () => {
    const { buyer, ticket } = await buyOne();
    const outcome = await transfer(ticket.ticketId, buyer.email.toUpperCase(), buyer.token);
    expect(outcome).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(outcome.ok ? "" : outcome.message).toMatch(/^toEmail: that is your own address/);
    expect(await myTickets(buyer.token)).toHaveLength(1);
  });

  it("refuses someone else's ticket, a ticket sent to an unverified address, and an unknown id alike", async () => {
    const { ticket } = await buyOne();
    const stranger = await person(`stranger-${randomUUID().slice(0, 8)}@example.com`);
    const notYours = await transfer(ticket.ticketId, "x@example.com", stranger.token);
    expect(notYours).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: `ticketId: you hold no ticket ${ticket.ticketId}`,
    });
    const unknown = randomUUID();
    expect(await transfer(unknown, "x@example.com", stranger.token)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: `ticketId: you hold no ticket ${unknown}`,
    });

    const { buyer, ticket: given } = await buyOne();
    const email = `unproven-${randomUUID().slice(0, 8)}@example.com`;
    dataOf(await transfer(given.ticketId, email, buyer.token));
    const [fresh] = await myTickets((await person(email)).token);
    const unproven = await person(email, false);
    expect(await transfer(fresh!.ticketId, "x@example.com", unproven.token)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });

  it("refuses a checked-in, a void and a cancelled event's ticket, saying why", async () => {
    const { buyer, ticket: used } = await buyOne();
    dataOf(await checkIn(used.code));
    expect(await transfer(used.ticketId, "x@example.com", buyer.token)).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: "This ticket was checked in at the door and cannot be transferred",
    });

    const { buyer: refunded, ticket: voided } = await buyOne();
    await h.fulfillment.db.$executeRawUnsafe(
      `UPDATE ticket SET voided_at = now(), void_reason = 'refunded' WHERE id = $1::uuid`,
      voided.ticketId,
    );
    expect(await transfer(voided.ticketId, "x@example.com", refunded.token)).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: "This ticket is void (refunded) and cannot be transferred",
    });

    const rainedOff = await h.publishEvent({ name: "Rained Off" });
    const { buyer: unlucky, ticket: cancelled } = await buyOne(rainedOff);
    await h.cancelEvent(rainedOff);
    expect(await transfer(cancelled.ticketId, "x@example.com", unlucky.token)).toMatchObject({
      ok: false,
      code: "PRECONDITION_FAILED",
      message: "The event was cancelled; its tickets cannot be transferred",
    });
    const [row] = await h.fulfillment.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ticket WHERE transferred_from_id = ANY ($1::uuid[])`,
      [used.ticketId, voided.ticketId, cancelled.ticketId],
    );
    expect(row?.n).toBe(0);
  });

  it("names the field of a bad address, and refuses anonymous callers and door staff", async () => {
    const { buyer, ticket } = await buyOne();
    const bad = await transfer(ticket.ticketId, "not an address", buyer.token);
    expect(bad).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(bad.ok ? "" : bad.message).toMatch(/toEmail/);
    expect(
      await callTrpc(h.baseUrl, "transferTicket", {
        ticketId: ticket.ticketId,
        toEmail: "x@example.com",
      }),
    ).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
    const staff = await h.issuer.tokenFor({ role: "staff", doorEvents: [owls.eventId] });
    expect(await transfer(ticket.ticketId, "x@example.com", staff.token)).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
  });
});
