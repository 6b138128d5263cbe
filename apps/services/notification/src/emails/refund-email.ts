import type { DeliveryPayload } from "../domain/delivery";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./email";

type RefundPayload = Extract<DeliveryPayload, { kind: "refund" }>;

/** Minor units as the customer reads money: 4500 EUR → "€45.00", 500 JPY → "JP¥500". */
export const formatMoney = (amountMinor: number, currency: string): string => {
  const format = new Intl.NumberFormat("en-GB", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
};

const headlineOf = (payload: RefundPayload, amount: string): { subject: string; lead: string } => {
  const event = payload.eventName ?? "your event";
  switch (payload.refundKind) {
    case "event-cancelled":
      return {
        subject: `${payload.eventName ?? "Your event"} is cancelled: ${amount} refunded`,
        lead: `${event} has been cancelled by its organizer, and your tickets are no longer valid. We have refunded ${amount} to the card you paid with for order ${payload.orderId}.`,
      };
    case "customer":
      return {
        subject: `Your cancellation: ${amount} refunded`,
        lead: `You cancelled tickets for ${event}; those tickets are no longer valid. We have refunded ${amount} to the card you paid with for order ${payload.orderId}.`,
      };
    case "organizer":
      return {
        subject: `Your refund of ${amount}`,
        lead: `The organizer of ${event} refunded ${amount} of order ${payload.orderId} to the card you paid with; the refunded tickets are no longer valid.`,
      };
    case "seats-unavailable":
    case undefined:
      return {
        subject: `Your refund of ${amount}`,
        lead: `We have refunded ${amount} to the card you paid with for order ${payload.orderId}.`,
      };
  }
};

/** Money went back to the customer: how much, why, and (for a cancelled event) that it is off. */
export const renderRefundEmail = (payload: RefundPayload): RenderedEmail => {
  const amount = formatMoney(payload.amountCents, payload.currency);
  const { subject, lead } = headlineOf(payload, amount);
  const text = [
    lead,
    "",
    `Why: ${payload.reason}`,
    "",
    "Depending on your bank it can take a few days to show on your statement.",
    "",
    `Refund ${payload.refundId}`,
  ].join("\n");
  const html = htmlLayout(
    subject,
    `<h1 style="margin:0 0 8px;font-size:22px">${escapeHtml(amount)} refunded</h1>
<p>${escapeHtml(lead)}</p>
<p>Why: ${escapeHtml(payload.reason)}</p>
<p>Depending on your bank it can take a few days to show on your statement.</p>
<p style="font-size:12px;color:#666">Refund ${escapeHtml(payload.refundId)}</p>`,
  );
  return { subject, text, html, attachments: [] };
};
