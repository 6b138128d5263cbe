import type { IdentityDeps } from "./deps";
import { verificationRequested } from "./verification-requested";

export type ResendVerificationResult =
  | { ok: true; email: string; alreadyVerified: boolean }
  | { ok: false; error: "no-account" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * Sends a signed-in account a new verification link (the first one expired or went astray). An
 * account already verified gets nothing; every request counts against the address and the email,
 * so this cannot be used to flood an inbox.
 */
export const resendVerification = async (
  deps: Pick<
    IdentityDeps,
    "users" | "keys" | "tokens" | "emailVerification" | "verificationThrottle"
  >,
  input: { userId: string; ip: string; correlationId: string },
): Promise<ResendVerificationResult> => {
  const user = await deps.users.findById(input.userId);
  if (!user) return { ok: false, error: "no-account" };
  if (user.emailVerifiedAt) return { ok: true, email: user.email, alreadyVerified: true };
  const retryAfterSeconds = await deps.verificationThrottle.take({
    email: user.email,
    ip: input.ip,
  });
  if (retryAfterSeconds > 0) return { ok: false, error: "throttled", retryAfterSeconds };
  await deps.users.announce([await verificationRequested(deps, user, input.correlationId)]);
  return { ok: true, email: user.email, alreadyVerified: false };
};
