import { randomUUID } from "node:crypto";
import { signTicketCode } from "@marquee/tickets/ticket-code";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketView } from "../src/app/ticket-view";
import { callTrpc, SIGNING_KEY, startHarness, type Harness } from "./harness";

let h: Harness;
let adminToken: string;
let tickets: TicketView[];
beforeAll(async () => {
  h = await startHarness();
  adminToken = (await h.issuer.tokenFor({ role: "admin" })).token;
  const event = await h.publishEvent();
  const order = await h.confirmOrder({
    eventId: event.eventId,
    seats: [
      { section: "A", row: "5", number: 1 },
      { section: "A", row: "5", number: 2 },
    ],
  });
  await h.ticketsIssued(order.orderId, 2);
  const outcome = await callTrpc<TicketView[]>(
    h.baseUrl,
    "orderTickets",
    { orderId: order.orderId },
    { token: order.token, kind: "query" },
  );
  if (!outcome.ok) throw new Error(outcome.message);
  tickets = outcome.data;
});
afterAll(async () => {
  await h?.stop();
});

type CheckedIn = { ticket: TicketView; checkedInAt: string };
const checkIn = (code: string, token = adminToken) =>
  callTrpc<CheckedIn>(h.baseUrl, "checkIn", { code }, { token });

describe("checking tickets in at the door", () => {
  it("admits a valid ticket once, records the time and announces it", async () => {
    const ticket = tickets[0]!;
    const first = await checkIn(ticket.code);
    if (!first.ok) throw new Error(first.message);
    expect(first.data.ticket).toMatchObject({ ticketId: ticket.ticketId, section: "A", row: "5" });
    expect(first.data.ticket.checkedInAt).toBe(first.data.checkedInAt);

    const announced = await waitFor("ticket-checked-in on Kafka", () =>
      h.events.find(
        (e) =>
          e.type === "fulfillment.ticket-checked-in" &&
          (e.data as { ticketId: string }).ticketId === ticket.ticketId,
      ),
    );
    expect(announced.data).toMatchObject({
      orderId: ticket.orderId,
      eventId: ticket.eventId,
      checkedInAt: first.data.checkedInAt,
    });

    const second = await checkIn(ticket.code);
    expect(second).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: `ticket A/5/${ticket.number} already checked in at ${first.data.checkedInAt}`,
    });
  });

  it("admits exactly one of two simultaneous scans of the same ticket", async () => {
    const ticket = tickets[1]!;
    const outcomes = await Promise.all([checkIn(ticket.code), checkIn(ticket.code)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.code === "CONFLICT")).toHaveLength(1);
  });

  it("rejects a forged or altered code as not valid", async () => {
    const genuine = tickets[0]!.code;
    const altered = genuine.slice(0, 10) + (genuine[10] === "A" ? "B" : "A") + genuine.slice(11);
    const forged = signTicketCode("someone-elses-key-0123456789abcdefgh", {
      ticketId: tickets[0]!.ticketId,
      eventId: tickets[0]!.eventId,
    });
    for (const code of [altered, forged, "hello", "MQ1.x.y"]) {
      expect(await checkIn(code)).toMatchObject({
        ok: false,
        code: "BAD_REQUEST",
        message: "ticket code is not valid",
      });
    }
  });

  it("rejects a genuine code for a ticket that does not exist as not found", async () => {
    const unknown = signTicketCode(SIGNING_KEY, { ticketId: randomUUID(), eventId: randomUUID() });
    expect(await checkIn(unknown)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("lets only admins scan", async () => {
    const { token } = await h.issuer.tokenFor();
    expect(await checkIn(tickets[0]!.code, token)).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
