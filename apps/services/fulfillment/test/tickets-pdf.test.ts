import { randomUUID } from "node:crypto";
import { extractPdfText } from "@marquee/tickets/pdf-text";
import { callTrpc } from "@marquee/testkit/call-trpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type ConfirmedOrder, type Harness } from "./harness";

let h: Harness;
let order: ConfirmedOrder;
beforeAll(async () => {
  h = await startHarness();
  const event = await h.publishEvent({
    name: "Midnight Strings",
    venueName: "Riverside Hall",
    startsAt: "2026-07-04T01:30:00.000Z",
    timeZone: "America/New_York",
  });
  order = await h.confirmOrder({
    eventId: event.eventId,
    seats: [
      { section: "Balcony", row: "2", number: 14 },
      { section: "Balcony", row: "2", number: 15 },
    ],
  });
  await h.ticketsIssued(order.orderId, 2);
});
afterAll(async () => {
  await h?.stop();
});

const getPdf = (orderId: string, token?: string) =>
  fetch(`${h.baseUrl}/orders/${orderId}/tickets.pdf`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe("GET /orders/:orderId/tickets.pdf", () => {
  it("gives the owner one PDF with a page per ticket: event, venue, local time, seat", async () => {
    const response = await getPdf(order.orderId, order.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(2);
    const text = extractPdfText(pdf);
    expect(text).toContain("Midnight Strings");
    expect(text).toContain("Riverside Hall");
    // 01:30 UTC on 4 July is 21:30 the evening before in New York.
    expect(text).toContain("Fri, 3 Jul 2026, 21:30 GMT-4");
    expect(text).toContain("Section Balcony, row 2, seat 14");
    expect(text).toContain("Section Balcony, row 2, seat 15");
    // Under each QR the short code the door accepts, not the ticket id it does not.
    const tickets = await callTrpc<{ ticketId: string; shortCode: string }[]>(
      h.baseUrl,
      "orderTickets",
      { orderId: order.orderId },
      { token: order.token, kind: "query" },
    );
    if (!tickets.ok) throw new Error(tickets.message);
    for (const t of tickets.data) {
      expect(text).toContain(t.shortCode);
      expect(text.join("\n")).not.toContain(t.ticketId);
    }
  });

  it("gives it to an admin too", async () => {
    const { token } = await h.issuer.tokenFor({ role: "admin" });
    expect((await getPdf(order.orderId, token)).status).toBe(200);
  });

  it("answers 401 without a valid token, 403 to another customer, 404 for an unknown order", async () => {
    expect((await getPdf(order.orderId)).status).toBe(401);
    expect((await getPdf(order.orderId, "not-a-token")).status).toBe(401);
    const { token: stranger } = await h.issuer.tokenFor();
    expect((await getPdf(order.orderId, stranger)).status).toBe(403);
    expect((await getPdf(randomUUID(), stranger)).status).toBe(404);
  });

  it("answers 400 naming orderId when it is not a UUID", async () => {
    const response = await getPdf("nope", order.token);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "orderId: expected a UUID" });
  });
});
