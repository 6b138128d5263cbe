import { createEvent } from "@marquee/events/create-event";
import { EmailVerified } from "@marquee/events/contracts/identity";
import type { IdentityDeps } from "./deps";
import { readEmailVerificationToken } from "./email-verification-token";

export type VerifyEmailResult =
  | { ok: true; email: string; alreadyVerified: boolean }
  | { ok: false; error: "expired" | "invalid" };

/**
 * Follows a verification link: the account whose id and current address the token names is
 * marked verified, and `identity.email-verified` goes out in the same transaction. Following the
 * link again changes nothing and says so.
 */
export const verifyEmail = async (
  deps: Pick<IdentityDeps, "users" | "keys" | "tokens">,
  input: { token: string; correlationId: string },
): Promise<VerifyEmailResult> => {
  const claims = await readEmailVerificationToken(deps.keys, deps.tokens, input.token);
  if (!claims.ok) return claims;
  const outcome = await deps.users.markEmailVerified(claims, (verifiedAt) => [
    createEvent(EmailVerified, {
      key: claims.userId,
      correlationId: input.correlationId,
      data: { userId: claims.userId, email: claims.email, verifiedAt: verifiedAt.toISOString() },
    }),
  ]);
  // The account is gone or its address is no longer the one the link was sent to.
  if (outcome === "not-found") return { ok: false, error: "invalid" };
  return { ok: true, email: claims.email, alreadyVerified: outcome === "already-verified" };
};
