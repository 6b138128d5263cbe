import type { DeliveryPayload } from "../domain/delivery";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./email";

type RefundPayload = Extract<DeliveryPayload, { kind: "refund" }>;

/** Minor units as the customer reads money: 4500 EUR → "€45.00", 500 JPY → "JP¥500". */
export const formatMoney = (amountMinor: number, currency: string): string => {
  const format = new Intl.NumberFormat("en-GB", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
};

/** Money went back to the customer: how much, and why. */
export const renderRefundEmail = (payload: RefundPayload): RenderedEmail => {
  const amount = formatMoney(payload.amountCents, payload.currency);
  const subject = `Your refund of ${amount}`;
  const text = [
    `We have refunded ${amount} to the card you paid with for order ${payload.orderId}.`,
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
<p>We have refunded <strong>${escapeHtml(amount)}</strong> to the card you paid with for order ${escapeHtml(payload.orderId)}.</p>
<p>Why: ${escapeHtml(payload.reason)}</p>
<p>Depending on your bank it can take a few days to show on your statement.</p>
<p style="font-size:12px;color:#666">Refund ${escapeHtml(payload.refundId)}</p>`,
  );
  return { subject, text, html, attachments: [] };
};
