import { isComparablePassword, type LoginInput } from "../domain/credentials";
import { toAccount, type Account } from "./account";
import type { IdentityDeps } from "./deps";
import { issueToken, type IssuedToken } from "./issue-token";

export type SignInResult =
  | { ok: true; account: Account; token: IssuedToken }
  | { ok: false; error: "invalid-credentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * Checks a password. Unknown email and wrong password are one outcome and cost the same bcrypt
 * comparison; a locked account or address, or an attempt beyond the allowance (also when many
 * arrive at once), is refused before any comparison.
 */
export const signIn = async (
  deps: Pick<IdentityDeps, "users" | "passwords" | "throttle" | "keys" | "tokens">,
  input: LoginInput & { ip: string },
): Promise<SignInResult> => {
  const attempt = { email: input.email, ip: input.ip };
  const retryAfterSeconds = await deps.throttle.admit(attempt);
  if (retryAfterSeconds > 0) return { ok: false, error: "throttled", retryAfterSeconds };

  const user = await deps.users.findByEmail(input.email);
  const matches = await deps.passwords.verify(input.password, user?.passwordHash ?? null);
  if (!user || !matches || !isComparablePassword(input.password)) {
    await deps.throttle.recordFailure(attempt);
    return { ok: false, error: "invalid-credentials" };
  }
  await deps.throttle.recordSuccess(attempt);
  const account = toAccount(user);
  const token = await issueToken(deps.keys, deps.tokens, account, deps.tokens.accessTtlSeconds);
  return { ok: true, account, token };
};
