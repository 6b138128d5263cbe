import type { RegisterInput } from "../domain/credentials";
import { toAccount, type Account } from "./account";
import type { IdentityDeps } from "./deps";
import { issueToken, type IssuedToken } from "./issue-token";

export type RegisterResult =
  { ok: true; account: Account; token: IssuedToken } | { ok: false; error: "email-taken" };

/** Creates a customer account and signs them in at once. */
export const registerCustomer = async (
  deps: Pick<IdentityDeps, "users" | "passwords" | "keys" | "tokens">,
  input: RegisterInput,
): Promise<RegisterResult> => {
  // A cheap look first spares a bcrypt hash for the common duplicate; the constraint still decides.
  if (await deps.users.findByEmail(input.email)) return { ok: false, error: "email-taken" };
  const user = await deps.users.create({
    email: input.email,
    passwordHash: await deps.passwords.hash(input.password),
    displayName: input.displayName,
  });
  if (!user) return { ok: false, error: "email-taken" };
  const account = toAccount(user);
  const token = await issueToken(deps.keys, deps.tokens, account, deps.tokens.accessTtlSeconds);
  return { ok: true, account, token };
};
