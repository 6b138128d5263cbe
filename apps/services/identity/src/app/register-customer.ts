import type { RegisterInput } from "../domain/credentials";
import { toAccount, type Account } from "./account";
import type { IdentityDeps } from "./deps";
import { issueToken, type IssuedToken } from "./issue-token";
import { verificationRequested } from "./verification-requested";

export type RegisterResult =
  | { ok: true; account: Account; token: IssuedToken }
  | { ok: false; error: "email-taken" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * Creates a customer account and signs them in at once. The account starts unverified: the same
 * transaction writes `identity.verification-requested`, and notification emails the link.
 * Sign-ups count against the client address and the email (a fixed window each).
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
  // A cheap look first spares a bcrypt hash for the common duplicate; the constraint still decides.
  if (await deps.users.findByEmail(input.email)) return { ok: false, error: "email-taken" };
  const user = await deps.users.create(
    {
      email: input.email,
      passwordHash: await deps.passwords.hash(input.password),
      displayName: input.displayName,
    },
    async (created) => [await verificationRequested(deps, created, input.correlationId)],
  );
  if (!user) return { ok: false, error: "email-taken" };
  const account = toAccount(user);
  const token = await issueToken(deps.keys, deps.tokens, account, deps.tokens.accessTtlSeconds);
  return { ok: true, account, token };
};
