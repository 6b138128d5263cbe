import type { DeliveryPayload } from "../domain/delivery";
import { escapeHtml, htmlLayout, type RenderedEmail } from "./email";

type StaffInvitationPayload = Extract<DeliveryPayload, { kind: "staff-invitation" }>;

/** "A, B and C" for the events of an invitation. */
export const listOf = (names: string[]): string =>
  names.length <= 1
    ? (names[0] ?? "")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;

/**
 * An organizer invited this address to work the door (check tickets in) at some events. A new
 * invitee follows the link to choose a name and password; an existing staff account is told the
 * events were added and signs in.
 */
export const renderStaffInvitationEmail = (payload: StaffInvitationPayload): RenderedEmail => {
  const events = listOf(payload.eventNames);
  const subject = payload.accountExists
    ? `You can now check tickets in for ${events}`
    : `You are invited to check tickets in for ${events}`;
  const expires = payload.expiresAt ? new Date(payload.expiresAt).toUTCString() : null;
  const intro = payload.accountExists
    ? `${payload.invitedByName} added these events to your Marquee door staff account: ${events}.`
    : `${payload.invitedByName} invited you to work the door at ${events} on Marquee: you will check tickets in at the entrance.`;
  const action = payload.accountExists
    ? "Sign in to open the check-in desk:"
    : "Open this link to choose your name and password:";
  const button = payload.accountExists ? "Sign in" : "Accept the invitation";
  const footnote = payload.accountExists
    ? "A door staff account can only check tickets in, for the events it was given."
    : `The link works once, until ${expires ?? "it is revoked"}. If you do not expect this, ignore this email: no account is made until the link is used.`;
  const text = [intro, "", action, "", payload.link, "", footnote].join("\n");
  const html = htmlLayout(
    subject,
    `<h1 style="margin:0 0 8px;font-size:22px">${escapeHtml(subject)}</h1>
<p>${escapeHtml(intro)}</p>
<p>${escapeHtml(action)}</p>
<p><a href="${escapeHtml(payload.link)}" style="display:inline-block;padding:10px 16px;background:#6b21a8;color:#fff;border-radius:6px;text-decoration:none">${button}</a></p>
<p style="font-size:12px;color:#666">${escapeHtml(footnote)}</p>`,
  );
  return { subject, text, html, attachments: [] };
};
