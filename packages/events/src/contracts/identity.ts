import { z } from "zod";
import { defineEvent } from "../define-event";
import { Topics } from "../topics";

/**
 * Identity → notification: a new account must prove its email address. Carries the one-time
 * verification token the emailed link holds (a bearer secret for this purpose only: it can mark this
 * account verified, nothing else), so notification can send the link without calling identity.
 */
export const VerificationRequested = defineEvent({
  type: "identity.verification-requested",
  topic: Topics.identityAccounts,
  version: 1,
  data: z.object({
    userId: z.uuid(),
    email: z.email(),
    displayName: z.string(),
    token: z.string().min(1),
    expiresAt: z.iso.datetime(),
  }),
});

/**
 * Identity → notification: the account followed its link, so its address is proven; notification
 * keeps a projection of verified accounts and sends them notices (expired holds) it sends no one else.
 */
export const EmailVerified = defineEvent({
  type: "identity.email-verified",
  topic: Topics.identityAccounts,
  version: 1,
  data: z.object({ userId: z.uuid(), email: z.email(), verifiedAt: z.iso.datetime() }),
});

/**
 * Identity → notification: someone asked to register an address that already has an account.
 * Sign-up answers the same as for a new address (so it tells nobody the address is taken); the
 * owner hears of it by email instead, at most once a day.
 */
export const RegistrationAttempted = defineEvent({
  type: "identity.registration-attempted",
  topic: Topics.identityAccounts,
  version: 1,
  data: z.object({
    userId: z.uuid(),
    email: z.email(),
    displayName: z.string(),
    attemptedAt: z.iso.datetime(),
  }),
});

/**
 * Identity → notification: an organizer invited door staff to some events. With `token` the
 * address has no staff account yet: the email links to the storefront's acceptance page, where the
 * invitee sets a name and password (the token, a bearer secret good for that invitation only,
 * works once, until `expiresAt`). Without it the address is a staff account already, which now
 * has these events too: the email says so and points at sign-in.
 */
export const StaffInvited = defineEvent({
  type: "identity.staff-invited",
  topic: Topics.identityAccounts,
  version: 1,
  data: z.object({
    invitationId: z.uuid(),
    email: z.email(),
    /** The events as the organizer saw them when inviting (names are for the email only). */
    events: z.array(z.object({ eventId: z.uuid(), name: z.string() })).min(1),
    invitedByName: z.string(),
    token: z.string().min(1).nullable(),
    expiresAt: z.iso.datetime().nullable(),
  }),
});

export const identityEvents = [
  VerificationRequested,
  EmailVerified,
  RegistrationAttempted,
  StaffInvited,
] as const;
