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

export const identityEvents = [VerificationRequested, EmailVerified, RegistrationAttempted] as const;
