import { createEvent } from "@marquee/events/create-event";
import { RegistrationAttempted } from "@marquee/events/contracts/identity";
import type { RegisterInput } from "../domain/credentials";
import type { UserRecord } from "../adapters/db/users";
import type { IdentityDeps } from "./deps";
import { verificationRequested } from "./verification-requested";

export type RegisterResult =
  { ok: true; email: string } | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * Sign-up that tells nobody whether an address has an account: a new address and a taken one get
 * the same answer, after the same work (a bcrypt hash either way), and no token. A new address
 * gets an unverified account and, in the same transaction, `identity.verification-requested`
 * (notification emails the link); a taken one gets `identity.registration-attempted`, so its owner
 * hears of it by email and nothing else changes. The customer then signs in.
 * Sign-ups count against the client address and the email (a fixed window each), taken or not.
 */
export const registerCustomer = async (
  deps: Pick<
    IdentityDeps,
    "users" | "passwords" | "keys" | "tokens" | "registrationThrottle" | "emailVerification"
  >,
  input: RegisterInput & { ip: string; correlationId: string },
): Promise<RegisterResult> => {
  const retryAfterSeconds = await deps.registrationThrottle.take(input);
  if (retryAfterSeconds > 0) return { ok: false, error: "throttled", retryAfterSeconds };

  const passwordHash = await deps.passwords.hash(input.password);
  const existing = await deps.users.findByEmail(input.email);
  const created = existing
    ? null
    : await deps.users.create(
        { email: input.email, passwordHash, displayName: input.displayName },
        async (user) => [await verificationRequested(deps, user, input.correlationId)],
      );
  // Taken, or taken by a sign-up racing this one (the unique constraint decided).
  if (!created) {
    const owner = existing ?? (await deps.users.findByEmail(input.email));
    if (owner) await deps.users.announce([registrationAttempted(owner, input.correlationId)]);
  }
  return { ok: true, email: input.email };
};

const registrationAttempted = (owner: UserRecord, correlationId: string) =>
  createEvent(RegistrationAttempted, {
    key: owner.id,
    correlationId,
    data: {
      userId: owner.id,
      email: owner.email,
      displayName: owner.displayName,
      attemptedAt: new Date().toISOString(),
    },
  });
