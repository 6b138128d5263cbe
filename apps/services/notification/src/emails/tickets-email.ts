import { formatEventTime } from "@marquee/tickets/event-time";
import { qrPng } from "@marquee/tickets/qr";
import { formatShortCode } from "@marquee/tickets/short-code";
import { seatLabel } from "@marquee/tickets/seat-label";
import { renderTicketsPdf } from "@marquee/tickets/tickets-pdf";
import type { DeliveryPayload } from "../domain/delivery";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./email";

type TicketsPayload = Extract<DeliveryPayload, { kind: "tickets" }>;

/** The content id of a ticket's inline QR image. */
export const qrCid = (ticketId: string): string => `qr-${ticketId}@marquee`;

/**
 * The one email of an order's tickets: each seat with its short code (to type at the door), its
 * QR inline (cid attachments) and the QR's content, and the same tickets as one PDF attached, for
 * printing.
 */
export const renderTicketsEmail = async (payload: TicketsPayload): Promise<RenderedEmail> => {
  const { event, tickets, orderId } = payload;
  const eventName = event?.name ?? "your event";
  const when = event ? formatEventTime(event.startsAt, event.timeZone) : null;
  const count = tickets.length === 1 ? "1 ticket" : `${tickets.length} tickets`;
  const subject = event ? `Your tickets for ${event.name}` : "Your Marquee tickets";

  const [pdf, qrs] = await Promise.all([
    renderTicketsPdf({ orderId, event, tickets }),
    Promise.all(tickets.map((t) => qrPng(t.code))),
  ]);

  const text = [
    `Here ${tickets.length === 1 ? "is your ticket" : "are your tickets"} for ${eventName}.`,
    "",
    ...(event ? [event.name, event.venueName, when ?? ""].filter((l) => l !== "") : []),
    "",
    ...tickets.map((t) =>
      [
        seatLabel(t),
        ...(t.shortCode ? [`  Door code: ${formatShortCode(t.shortCode)}`] : []),
        `  QR code: ${t.code}`,
      ].join("\n"),
    ),
    "",
    `The attached PDF holds all ${count}, one per page. Show the QR code at the door, on paper or`,
    "on your phone, or give the door code if it will not scan. Each ticket is admitted once.",
    "",
    `Order ${orderId}`,
  ].join("\n");

  const ticketBlocks = tickets
    .map(
      (t) => `<div style="border-top:1px solid #e4e4e7;padding:16px 0;text-align:center">
<p style="margin:0 0 8px;font-weight:bold">${escapeHtml(seatLabel(t))}</p>
${t.shortCode ? `<p style="margin:0 0 8px">Door code <span style="font-family:'Courier New',monospace;font-size:20px;font-weight:bold;letter-spacing:1px">${escapeHtml(formatShortCode(t.shortCode))}</span></p>\n` : ""}<img src="cid:${qrCid(t.ticketId)}" width="200" height="200" alt="QR code for ${escapeHtml(seatLabel(t))}">
<p style="margin:8px 0 0;font-size:11px;color:#666;word-break:break-all">${escapeHtml(t.code)}</p>
</div>`,
    )
    .join("\n");
  const html = htmlLayout(
    subject,
    `<h1 style="margin:0 0 8px;font-size:22px">${escapeHtml(eventName)}</h1>
${event ? `<p style="margin:0">${escapeHtml(event.venueName)}</p>` : ""}
${when ? `<p style="margin:0 0 16px">${escapeHtml(when)}</p>` : ""}
<p>Your ${count}. Show the QR code at the door; each code is admitted once. The attached PDF has them all for printing.</p>
${ticketBlocks}
<p style="font-size:12px;color:#666">Order ${escapeHtml(orderId)}</p>`,
  );

  return {
    subject,
    text,
    html,
    attachments: [
      ...tickets.map((t, i) => ({
        filename: `ticket-${t.section}-${t.row}-${t.number}.png`.replace(/[^\w.-]+/g, "_"),
        content: qrs[i] ?? Buffer.alloc(0),
        contentType: "image/png",
        cid: qrCid(t.ticketId),
      })),
      {
        filename: `marquee-tickets-${orderId.slice(0, 8)}.pdf`,
        content: pdf,
        contentType: "application/pdf",
      },
    ],
  };
};
