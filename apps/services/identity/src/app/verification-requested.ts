import { createEvent } from "@marquee/events/create-event";
import { VerificationRequested } from "@marquee/events/contracts/identity";
import type { MarqueeEvent } from "@marquee/events/registry";
import type { IdentityDeps } from "./deps";
import { signEmailVerificationToken } from "./email-verification-token";

/** `identity.verification-requested` for an account, with a fresh link token inside. */
export const verificationRequested = async (
  deps: Pick<IdentityDeps, "keys" | "tokens" | "emailVerification">,
  account: { id: string; email: string; displayName: string },
  correlationId: string,
): Promise<MarqueeEvent> => {
  const link = await signEmailVerificationToken(
    deps.keys,
    deps.tokens,
    account,
    deps.emailVerification.ttlSeconds,
  );
  return createEvent(VerificationRequested, {
    key: account.id,
    correlationId,
    data: {
      userId: account.id,
      email: account.email,
      displayName: account.displayName,
      token: link.token,
      expiresAt: link.expiresAt,
    },
  });
};
