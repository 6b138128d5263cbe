import type { DeliveryPayload } from "../domain/delivery";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./email";

type HoldsExpiredPayload = Extract<DeliveryPayload, { kind: "holds-expired" }>;

/** The seats in an open cart were held too long and went back on sale; nothing was charged. */
export const renderHoldsExpiredEmail = (payload: HoldsExpiredPayload): RenderedEmail => {
  const subject = "Your held seats were released";
  const text = [
    "The seats in your cart were held for you, but checkout did not finish before the hold ran",
    "out, so they are back on sale. You have not been charged.",
    "",
    "If you still want to go, pick your seats again: they may still be free.",
    "",
    `Order ${payload.orderId}`,
  ].join("\n");
  const html = htmlLayout(
    subject,
    `<h1 style="margin:0 0 8px;font-size:22px">Your held seats were released</h1>
<p>The seats in your cart were held for you, but checkout did not finish before the hold ran out, so they are back on sale. <strong>You have not been charged.</strong></p>
<p>If you still want to go, pick your seats again: they may still be free.</p>
<p style="font-size:12px;color:#666">Order ${escapeHtml(payload.orderId)}</p>`,
  );
  return { subject, text, html, attachments: [] };
};
