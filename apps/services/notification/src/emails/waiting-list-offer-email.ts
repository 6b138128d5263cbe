import { seatLabel } from "@marquee/tickets/seat-label";
import type { DeliveryPayload } from "../domain/delivery";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./email";
import { formatMoney } from "./refund-email";

type OfferPayload = Extract<DeliveryPayload, { kind: "waiting-list-offer" }>;

/** The deadline as an instant everyone reads the same way (the event's zone is not known here). */
export const formatDeadline = (iso: string): string =>
  `${new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    hour: "2-digit",
    minute: "2-digit",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(iso))} UTC`;

/**
 * Seats came back and are held for the customer, first in line on the waiting list: which seats,
 * their price, until when, and the link that puts them in the cart. Not bought by then, they go to
 * the next person waiting.
 */
export const renderWaitingListOfferEmail = (payload: OfferPayload): RenderedEmail => {
  const count = payload.seats.length;
  const subject = count === 1 ? "A seat is waiting for you" : `${count} seats are waiting for you`;
  const deadline = formatDeadline(payload.expiresAt);
  const total = formatMoney(
    payload.seats.reduce((sum, seat) => sum + seat.priceCents, 0),
    payload.currency,
  );
  const lines = payload.seats.map(
    (seat) => `${seatLabel(seat)}: ${formatMoney(seat.priceCents, payload.currency)}`,
  );
  const text = [
    `Seats came back for the event you were waiting for, and we are holding ${count === 1 ? "one" : count} for you:`,
    "",
    ...lines.map((line) => `- ${line}`),
    `Total: ${total}`,
    "",
    `They are yours until ${deadline}. Put them in your cart and pay before then:`,
    payload.link,
    "",
    "If you do not buy them in time, they go to the next person on the waiting list.",
  ].join("\n");
  const html = htmlLayout(
    subject,
    `<h1 style="margin:0 0 8px;font-size:22px">${escapeHtml(subject)}</h1>
<p>Seats came back for the event you were waiting for, and we are holding them for you:</p>
<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>
<p>Total: <strong>${escapeHtml(total)}</strong></p>
<p>They are yours until <strong>${escapeHtml(deadline)}</strong>.</p>
<p><a href="${escapeHtml(payload.link)}" style="display:inline-block;padding:10px 16px;background:#6b21a8;color:#fff;border-radius:6px;text-decoration:none">Buy these seats</a></p>
<p style="font-size:12px;color:#666">Or open ${escapeHtml(payload.link)}. If you do not buy them in time, they go to the next person on the waiting list.</p>`,
  );
  return { subject, text, html, attachments: [] };
};
