import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { extractPdfText } from "./pdf-text";
import { qrRuns } from "./qr";
import { renderTicketsPdf } from "./tickets-pdf";

describe("renderTicketsPdf", () => {
  it("writes one page per ticket with event, venue, local time and seat", async () => {
    const pdf = await renderTicketsPdf({
      orderId: randomUUID(),
      event: {
        name: "Night Owls Live",
        venueName: "Club Aurora",
        startsAt: "2026-12-12T19:00:00.000Z",
        timeZone: "Europe/Berlin",
      },
      tickets: [
        {
          ticketId: randomUUID(),
          section: "A",
          row: "3",
          number: 7,
          code: "MQ1.code-one",
          shortCode: "7K3QM9TXW4",
        },
        {
          ticketId: randomUUID(),
          section: "A",
          row: "3",
          number: 8,
          code: "MQ1.code-two",
          shortCode: "0ABCDEFGH1",
        },
      ],
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(2);
    const text = extractPdfText(pdf);
    expect(text).toContain("Night Owls Live");
    expect(text).toContain("Club Aurora");
    expect(text.some((line) => /^Sat,? 12 Dec 2026, 20:00 CET$/.test(line))).toBe(true);
    expect(text).toContain("Section A, row 3, seat 7");
    expect(text).toContain("Section A, row 3, seat 8");
    // The short code under each QR, instead of the ticket id nobody can use at the door.
    expect(text).toContain("7K3QM-9TXW4");
    expect(text).toContain("0ABCD-EFGH1");
    expect(text.some((line) => line.startsWith("Ticket "))).toBe(false);
  });

  it("still renders when the event's details are not known yet", async () => {
    const pdf = await renderTicketsPdf({
      orderId: randomUUID(),
      event: null,
      tickets: [{ ticketId: randomUUID(), section: "B", row: "1", number: 1, code: "MQ1.x" }],
    });
    expect(extractPdfText(pdf)).toContain("Section B, row 1, seat 1");
  });
});

describe("the QR on each page", () => {
  it("is drawn as vectors: one filled rectangle per run of dark modules", async () => {
    const code = "MQ1.some-ticket-code";
    const pdf = await renderTicketsPdf({
      orderId: randomUUID(),
      event: null,
      tickets: [{ ticketId: randomUUID(), section: "A", row: "1", number: 1, code }],
    });
    const { inflateSync } = await import("node:zlib");
    const source = pdf.toString("latin1");
    const start = source.indexOf("stream\n") + "stream\n".length;
    const content = inflateSync(pdf.subarray(start, source.indexOf("endstream", start))).toString();
    const rectangles = content.match(/ re\n/g)?.length ?? 0;
    // The white background plus every run.
    expect(rectangles).toBe(1 + qrRuns(code).runs.length);
  });
});
