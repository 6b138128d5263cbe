import type { DeliveryPayload } from "../domain/delivery";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./email";

type VerificationPayload = Extract<DeliveryPayload, { kind: "email-verification" }>;

/** A new account proves its address by following the link; until then it gets no notices. */
export const renderVerificationEmail = (payload: VerificationPayload): RenderedEmail => {
  const subject = "Confirm your email address";
  const expires = new Date(payload.expiresAt).toUTCString();
  const text = [
    `Hello ${payload.displayName},`,
    "",
    "Please confirm that this is your email address by opening this link:",
    "",
    payload.link,
    "",
    `The link works until ${expires}. If you did not create a Marquee account, ignore this email:`,
    "nothing more will be sent to you.",
  ].join("\n");
  const html = htmlLayout(
    subject,
    `<h1 style="margin:0 0 8px;font-size:22px">Confirm your email address</h1>
<p>Hello ${escapeHtml(payload.displayName)},</p>
<p>Please confirm that this is your email address:</p>
<p><a href="${escapeHtml(payload.link)}" style="display:inline-block;padding:10px 16px;background:#6b21a8;color:#fff;border-radius:6px;text-decoration:none">Confirm my email address</a></p>
<p style="font-size:12px;color:#666">The link works until ${escapeHtml(expires)}. If you did not create a Marquee account, ignore this email: nothing more will be sent to you.</p>`,
  );
  return { subject, text, html, attachments: [] };
};
