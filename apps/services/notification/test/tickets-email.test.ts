import { randomUUID } from "node:crypto";
import { Topics } from "@marquee/events/topics";
import { extractPdfText } from "@marquee/tickets/pdf-text";
import { formatShortCode } from "@marquee/tickets/short-code";
import { seatLabel } from "@marquee/tickets/seat-label";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";

let sink: SmtpSink;
let h: Harness;
beforeAll(async () => {
  sink = await startSmtpSink();
  h = await startHarness(sink.port);
});
afterAll(async () => {
  await h?.stop();
  await sink?.close();
});

const delivered = (address: string) =>
  waitFor(`an email to ${address}`, () => sink.to(address).length > 0 && sink.to(address), {
    timeoutMs: 60_000,
    intervalMs: 100,
  });

describe("the tickets email", () => {
  it("sends HTML and text with each QR inline and the PDF of all tickets attached", async () => {
    const customer = await h.newCustomer();
    const issued = h.ticketsIssued(customer, [
      { section: "Stalls", row: "C", number: 11 },
      { section: "Stalls", row: "C", number: 12 },
    ]);
    await h.publish(Topics.fulfillmentTickets, issued);
    const [mail] = await delivered(customer.email);
    if (!mail) throw new Error("no mail");

    expect(mail.subject).toBe("Your tickets for Night Owls Live");
    expect(mail.text).toContain("Section Stalls, row C, seat 11");
    expect(mail.text).toMatch(/Sat,? 12 Dec 2026, 20:00 CET/);
    for (const ticket of issued.data.tickets) expect(mail.text).toContain(ticket.code);
    expect(mail.html).toContain("Club Aurora");
    // Each seat with the short code to type at the door, as printed: XXXXX-XXXXX.
    for (const ticket of issued.data.tickets) {
      const printed = formatShortCode(ticket.shortCode ?? "");
      expect(mail.text).toContain(`${seatLabel(ticket)}\n  Door code: ${printed}`);
      expect(mail.html).toContain(printed);
    }

    // One inline PNG per ticket, each referenced by the HTML through its content id.
    const images = mail.attachments.filter((a) => a.contentType === "image/png");
    expect(images).toHaveLength(2);
    for (const ticket of issued.data.tickets) {
      const cid = `qr-${ticket.ticketId}@marquee`;
      const image = images.find((a) => a.cid === cid);
      expect(image?.contentDisposition).toBe("inline");
      expect(image?.content.subarray(1, 4).toString()).toBe("PNG");
      expect(mail.html).toContain(`src="cid:${cid}"`);
    }

    const pdfs = mail.attachments.filter((a) => a.contentType === "application/pdf");
    expect(pdfs).toHaveLength(1);
    const pdf = pdfs[0]!;
    expect(pdf.contentDisposition).toBe("attachment");
    expect(pdf.filename).toBe(`marquee-tickets-${issued.data.orderId.slice(0, 8)}.pdf`);
    expect(pdf.content.subarray(0, 5).toString()).toBe("%PDF-");
    const text = extractPdfText(pdf.content);
    expect(text).toContain("Section Stalls, row C, seat 11");
    expect(text).toContain("Section Stalls, row C, seat 12");
    expect(text).toContain("Night Owls Live");
    for (const ticket of issued.data.tickets) {
      expect(text).toContain(formatShortCode(ticket.shortCode ?? ""));
    }

    const history = await waitFor("the delivery recorded as sent", async () => {
      const outcome = await h.deliveries(issued.data.orderId, customer.token);
      return outcome.ok && outcome.data[0]?.status === "sent" && outcome.data;
    });
    expect(history).toEqual([
      {
        kind: "tickets",
        status: "sent",
        attempts: 1,
        messageId: mail.messageId,
        lastError: null,
        sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
        to: customer.email,
      },
    ]);
  });

  it("sends one message per order however often the event is delivered", async () => {
    const customer = await h.newCustomer();
    const issued = h.ticketsIssued(customer);
    // The same envelope three times (redelivery) and the same tickets under a new envelope id.
    const resent = { ...issued, id: randomUUID() };
    for (const event of [issued, issued, issued, resent]) {
      await h.publish(Topics.fulfillmentTickets, event);
    }
    await h.processed(resent.id);
    await delivered(customer.email);
    // A later email to the same customer, sent after the first, bounds the wait for a duplicate.
    const later = h.ticketsIssued(customer);
    await h.publish(Topics.fulfillmentTickets, later);
    await waitFor("the later order's email", () => sink.to(customer.email).length >= 2, {
      timeoutMs: 60_000,
    });
    const orderOf = (text: string | undefined) => /Order ([0-9a-f-]{36})/.exec(text ?? "")?.[1];
    expect(sink.to(customer.email).map((m) => orderOf(m.text))).toEqual([
      issued.data.orderId,
      later.data.orderId,
    ]);
    const [count] = await h.notification.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM delivery WHERE order_id = $1::uuid`,
      issued.data.orderId,
    );
    expect(count?.n).toBe(1);
  });
});

describe("delivery history", () => {
  it("is shown to the order's owner and admins only", async () => {
    const customer = await h.newCustomer();
    const issued = h.ticketsIssued(customer);
    await h.publish(Topics.fulfillmentTickets, issued);
    await delivered(customer.email);

    const stranger = await h.newCustomer();
    expect(await h.deliveries(issued.data.orderId, stranger.token)).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    const { token: admin } = await h.issuer.tokenFor({ role: "admin" });
    const asAdmin = await h.deliveries(issued.data.orderId, admin);
    expect(asAdmin.ok && asAdmin.data.map((d) => d.kind)).toEqual(["tickets"]);
  });

  it("is empty for an order it knows nothing about, and names a bad orderId", async () => {
    const customer = await h.newCustomer();
    expect(await h.deliveries(randomUUID(), customer.token)).toMatchObject({ ok: true, data: [] });
    const bad = await h.deliveries("nope", customer.token);
    expect(bad).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(bad.ok ? "" : bad.message).toMatch(/orderId/);
  });
});
