import { formatEventTime } from "@marquee/tickets/event-time";
import { qrPng } from "@marquee/tickets/qr";
import { formatShortCode } from "@marquee/tickets/short-code";
import { seatLabel } from "@marquee/tickets/seat-label";
import { renderTicketsPdf } from "@marquee/tickets/tickets-pdf";
import type { DeliveryPayload } from "../domain/delivery";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./email";
import { qrCid } from "./tickets-email";

type TicketSentPayload = Extract<DeliveryPayload, { kind: "ticket-sent" }>;
type TicketReceivedPayload = Extract<DeliveryPayload, { kind: "ticket-received" }>;

const eventLine = (event: TicketSentPayload["event"]): string | null =>
  event
    ? [event.name, event.venueName, formatEventTime(event.startsAt, event.timeZone)]
        .filter((part) => part !== "")
        .join(" · ")
    : null;

/**
 * To the sender: "You sent … to …". Their copy of the ticket (its QR, its door code, the PDF) no
 * longer gets anyone in; the recipient has new codes.
 */
export const renderTicketSentEmail = (payload: TicketSentPayload): RenderedEmail => {
  const eventName = payload.event?.name ?? "your event";
  const seat = seatLabel(payload.seat);
  const subject = `You sent your ticket for ${eventName} to ${payload.toEmail}`;
  const when = eventLine(payload.event);
  const lines = [
    `You sent your ticket for ${eventName} (${seat}) to ${payload.toEmail}.`,
    ...(when ? [when] : []),
    "",
    "Its QR code and door code no longer work at the door: we emailed new ones to",
    `${payload.toEmail}, and it is no longer under My tickets in your account.`,
    "If this was a mistake, ask them to send it back to you.",
  ];
  const html = htmlLayout(
    subject,
    `<h1 style="margin:0 0 8px;font-size:22px">Ticket sent</h1>
<p>You sent your ticket for <strong>${escapeHtml(eventName)}</strong> (${escapeHtml(seat)}) to <strong>${escapeHtml(payload.toEmail)}</strong>.</p>
${when ? `<p>${escapeHtml(when)}</p>` : ""}
<p>Its QR code and door code no longer work at the door: we emailed new ones to ${escapeHtml(payload.toEmail)}, and it is no longer under My tickets in your account.</p>
<p style="font-size:12px;color:#666">If this was a mistake, ask them to send it back to you.</p>`,
  );
  return { subject, text: lines.join("\n"), html, attachments: [] };
};

/**
 * To the recipient: the ticket itself (seat, door code, QR inline and its content, the PDF
 * attached), who sent it, and how to find it again: sign in (or sign up) with this address, once
 * it is confirmed the ticket is under My tickets.
 */
export const renderTicketReceivedEmail = async (
  payload: TicketReceivedPayload,
): Promise<RenderedEmail> => {
  const { event, ticket } = payload;
  const eventName = event?.name ?? "an event";
  const subject = `${payload.from} sent you a ticket for ${eventName}`;
  const when = eventLine(event);
  const seat = seatLabel(ticket);
  const doorCode = formatShortCode(ticket.shortCode);
  const [pdf, qr] = await Promise.all([
    renderTicketsPdf({ orderId: payload.orderId, event, tickets: [ticket] }),
    qrPng(ticket.code),
  ]);
  const findIt = [
    `To find it later under My tickets, sign in to Marquee with ${payload.toEmail}:`,
    payload.signInLink,
    "No account yet? Sign up with this address and confirm it with the link we email you:",
    payload.signUpLink,
  ];
  const text = [
    `${payload.from} sent you a ticket for ${eventName}.`,
    ...(when ? [when] : []),
    "",
    seat,
    `  Door code: ${doorCode}`,
    `  QR code: ${ticket.code}`,
    "",
    "Show the QR code at the door, on paper (the attached PDF) or on your phone, or give the door",
    "code if it will not scan. The ticket is admitted once.",
    "",
    ...findIt,
  ].join("\n");
  const html = htmlLayout(
    subject,
    `<h1 style="margin:0 0 8px;font-size:22px">${escapeHtml(eventName)}</h1>
<p>${escapeHtml(payload.from)} sent you a ticket.</p>
${when ? `<p style="margin:0 0 16px">${escapeHtml(when)}</p>` : ""}
<div style="border-top:1px solid #e4e4e7;padding:16px 0;text-align:center">
<p style="margin:0 0 8px;font-weight:bold">${escapeHtml(seat)}</p>
<p style="margin:0 0 8px">Door code <span style="font-family:'Courier New',monospace;font-size:20px;font-weight:bold;letter-spacing:1px">${escapeHtml(doorCode)}</span></p>
<img src="cid:${qrCid(ticket.ticketId)}" width="200" height="200" alt="QR code for ${escapeHtml(seat)}">
<p style="margin:8px 0 0;font-size:11px;color:#666;word-break:break-all">${escapeHtml(ticket.code)}</p>
</div>
<p>Show the QR code at the door, on paper (the attached PDF) or on your phone; the ticket is admitted once.</p>
<p>To find it later under My tickets, <a href="${escapeHtml(payload.signInLink)}">sign in to Marquee</a> with ${escapeHtml(payload.toEmail)}. No account yet? <a href="${escapeHtml(payload.signUpLink)}">Sign up</a> with this address and confirm it with the link we email you.</p>`,
  );
  return {
    subject,
    text,
    html,
    attachments: [
      {
        filename: `ticket-${ticket.section}-${ticket.row}-${ticket.number}.png`.replace(
          /[^\w.-]+/g,
          "_",
        ),
        content: qr,
        contentType: "image/png",
        cid: qrCid(ticket.ticketId),
      },
      {
        filename: `marquee-ticket-${ticket.ticketId.slice(0, 8)}.pdf`,
        content: pdf,
        contentType: "application/pdf",
      },
    ],
  };
};
