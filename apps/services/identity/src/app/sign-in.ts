import { isComparablePassword, type LoginInput } from "../domain/credentials";
import { toAccount, type Account } from "./account";
import type { IdentityDeps } from "./deps";
import { issueToken, type IssuedToken } from "./issue-token";

export type SignInResult =
  | { ok: true; account: Account; token: IssuedToken }
  | { ok: false; error: "invalid-credentials" }
  | { ok: false; error: "proof-required"; reason: string }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * Checks a password. Unknown email and wrong password are one outcome and cost the same bcrypt
 * comparison, and count the same, so the limits tell nobody whether an account exists.
 *
 * Attempts are counted per client address, per (address, account) and per account before any
 * comparison (domain/sign-in-limits.ts): an address or pair past its limit waits; after a few
 * failures the attempt must carry a solved proof of work (purpose `sign-in`), checked (and spent)
 * before the password. The account itself is never locked: its owner, from another address,
 * signs in while someone else hammers it, at worst after solving a proof.
 */
export const signIn = async (
  deps: Pick<
    IdentityDeps,
    "users" | "passwords" | "throttle" | "keys" | "tokens" | "proofOfWork" | "doorStaff"
  >,
  input: LoginInput & { ip: string },
): Promise<SignInResult> => {
  const attempt = { email: input.email, ip: input.ip };
  const admission = await deps.throttle.admit(attempt);
  if (admission.kind === "wait") {
    return { ok: false, error: "throttled", retryAfterSeconds: admission.retryAfterSeconds };
  }
  if (admission.proofRequired) {
    if (!input.proof) {
      return {
        ok: false,
        error: "proof-required",
        reason: "solve a proof-of-work challenge first",
      };
    }
    const proof = await deps.proofOfWork.verify(input.proof, "sign-in");
    if (!proof.ok) return { ok: false, error: "proof-required", reason: proof.reason };
  }

  const user = await deps.users.findByEmail(input.email);
  const matches = await deps.passwords.verify(input.password, user?.passwordHash ?? null);
  if (!user || !matches || !isComparablePassword(input.password)) {
    return { ok: false, error: "invalid-credentials" };
  }
  await deps.throttle.recordSuccess(attempt);
  // Door staff carry the events they may work in their token (`doorEvents`), as of now.
  const account = toAccount(
    user,
    user.role === "staff" ? await deps.doorStaff.doorEventsOf(user.id) : undefined,
  );
  const token = await issueToken(deps.keys, deps.tokens, account, deps.tokens.accessTtlSeconds);
  return { ok: true, account, token };
};
