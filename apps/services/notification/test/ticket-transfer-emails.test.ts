import { randomUUID } from "node:crypto";
import { TicketTransferred } from "@marquee/events/contracts/fulfillment";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { extractPdfText } from "@marquee/tickets/pdf-text";
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

const transferred = (fromEmail: string, toEmail: string) => {
  const orderId = randomUUID();
  const ticketId = randomUUID();
  return createEvent(TicketTransferred, {
    key: orderId,
    correlationId: randomUUID(),
    data: {
      orderId,
      eventId: randomUUID(),
      fromTicketId: randomUUID(),
      fromCustomerId: randomUUID(),
      fromEmail,
      fromName: "Ada <Lovelace>",
      toEmail,
      transferredAt: new Date().toISOString(),
      ticket: {
        ticketId,
        seatId: randomUUID(),
        section: "A",
        row: "3",
        number: 7,
        code: `MQ1.${randomUUID()}.test`,
        shortCode: "7K3QMX9D2C",
      },
      event: {
        name: "Night Owls Live",
        venueName: "Club Aurora",
        startsAt: "2026-12-12T19:00:00.000Z",
        timeZone: "Europe/Berlin",
      },
    },
  });
};

describe("the ticket transfer emails", () => {
  it("tells the sender whom it went to and gives the recipient the ticket, each once under redelivery", async () => {
    const from = `ada-${randomUUID().slice(0, 8)}@example.com`;
    const to = `bo-${randomUUID().slice(0, 8)}@example.com`;
    const event = transferred(from, to);
    // Delivered three times, then re-sent under a new envelope id.
    await h.publish(Topics.fulfillmentTickets, event);
    await h.publish(Topics.fulfillmentTickets, event);
    await h.publish(Topics.fulfillmentTickets, event);
    const again = { ...event, id: randomUUID() };
    await h.publish(Topics.fulfillmentTickets, again);
    await h.processed(again.id);
    await waitFor("both emails", () => sink.to(from).length >= 1 && sink.to(to).length >= 1, {
      timeoutMs: 60_000,
    });
    const late = { ...event, id: randomUUID() };
    await h.publish(Topics.fulfillmentTickets, late);
    await h.processed(late.id);

    const [sent, ...moreSent] = sink.to(from);
    const [received, ...moreReceived] = sink.to(to);
    expect(moreSent).toEqual([]);
    expect(moreReceived).toEqual([]);

    expect(sent?.subject).toBe(`You sent your ticket for Night Owls Live to ${to}`);
    expect(sent?.text).toContain(
      `You sent your ticket for Night Owls Live (Section A, row 3, seat 7) to ${to}.`,
    );
    expect(sent?.text).toContain("no longer work at the door");
    // The sender's email carries nothing that would get anyone in.
    expect(sent?.text).not.toContain(event.data.ticket.code);
    expect(sent?.text).not.toContain("7K3QM-X9D2C");
    expect(sent?.attachments).toEqual([]);

    expect(received?.subject).toBe(
      `Ada <Lovelace> (${from}) sent you a ticket for Night Owls Live`,
    );
    expect(received?.text).toContain("Section A, row 3, seat 7");
    expect(received?.text).toContain("Door code: 7K3QM-X9D2C");
    expect(received?.text).toContain(`QR code: ${event.data.ticket.code}`);
    expect(received?.text).toContain(`sign in to Marquee with ${to}`);
    expect(received?.text).toContain(
      "http://shop.example.test:3000/sign-in?callbackUrl=%2Faccount%2Ftickets",
    );
    expect(received?.text).toContain("http://shop.example.test:3000/sign-up");
    expect(received?.html).toContain("Ada &lt;Lovelace&gt;");
    expect(received?.html).not.toContain("<Lovelace>");
    const cid = `qr-${event.data.ticket.ticketId}@marquee`;
    expect(received?.html).toContain(`src="cid:${cid}"`);
    const qr = received?.attachments.find((a) => a.cid === cid);
    expect(qr?.contentType).toBe("image/png");
    const pdf = received?.attachments.find((a) => a.contentType === "application/pdf");
    expect(pdf?.content.subarray(0, 5).toString()).toBe("%PDF-");
    const pdfText = extractPdfText(pdf!.content).join("\n");
    expect(pdfText).toContain("Night Owls Live");
    expect(pdfText).toContain("Section A, row 3, seat 7");
    expect(pdfText).toContain("7K3QM-X9D2C");
  });
});
