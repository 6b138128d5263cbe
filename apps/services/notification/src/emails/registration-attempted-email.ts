import type { DeliveryPayload } from "../domain/delivery";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./email";

type RegistrationAttemptedPayload = Extract<DeliveryPayload, { kind: "registration-attempted" }>;

/**
 * Someone asked to create an account with an address that has one. The sign-up page answered as
 * for any address, so only the owner learns of it, here.
 */
export const renderRegistrationAttemptedEmail = (
  payload: RegistrationAttemptedPayload,
): RenderedEmail => {
  const subject = "Someone tried to create an account with your email address";
  const text = [
    `Hello ${payload.displayName},`,
    "",
    "Someone tried to create a new Marquee account with this email address, which already has one.",
    "No new account was created and nothing changed on yours.",
    "",
    "If it was you, sign in with your existing account instead:",
    "",
    payload.signInLink,
    "",
    "If it was not you, you can ignore this email.",
  ].join("\n");
  const html = htmlLayout(
    subject,
    `<h1 style="margin:0 0 8px;font-size:22px">Someone tried to create an account with your address</h1>
<p>Hello ${escapeHtml(payload.displayName)},</p>
<p>Someone tried to create a new Marquee account with this email address, which already has one. No new account was created and nothing changed on yours.</p>
<p>If it was you, sign in with your existing account instead:</p>
<p><a href="${escapeHtml(payload.signInLink)}" style="display:inline-block;padding:10px 16px;background:#6b21a8;color:#fff;border-radius:6px;text-decoration:none">Sign in</a></p>
<p style="font-size:12px;color:#666">If it was not you, you can ignore this email.</p>`,
  );
  return { subject, text, html, attachments: [] };
};
