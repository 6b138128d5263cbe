import { randomUUID } from "node:crypto";
import type { GuestTokenInput } from "../domain/credentials";
import type { IdentityDeps } from "./deps";
import { issueToken, type IssuedToken } from "./issue-token";

export type GuestToken = IssuedToken & { guestId: string };

export type GuestTokenResult =
  | { ok: true; token: GuestToken }
  | { ok: false; error: "proof-refused"; reason: string }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * A token for checking out without an account. Every call gets a new random guest id rather than
 * one derived from the email: anyone may ask for a guest token for any email, and a derived id would
 * let them read the orders another guest placed under that email. What a guest buys is reached
 * through this token and the email that receives the tickets.
 *
 * Each token costs a solved proof of work (one use) and counts against its address and its email.
 * The proof is checked first, so requests without one cannot use up a victim email's allowance.
 */
export const issueGuestToken = async (
  deps: Pick<IdentityDeps, "keys" | "tokens" | "proofOfWork" | "guestThrottle">,
  input: GuestTokenInput & { ip: string },
): Promise<GuestTokenResult> => {
  const proof = await deps.proofOfWork.verify(input.proof, "guest");
  if (!proof.ok) return { ok: false, error: "proof-refused", reason: proof.reason };
  const retryAfterSeconds = await deps.guestThrottle.take({ email: input.email, ip: input.ip });
  if (retryAfterSeconds > 0) return { ok: false, error: "throttled", retryAfterSeconds };

  const guestId = randomUUID();
  const token = await issueToken(
    deps.keys,
    deps.tokens,
    { id: guestId, email: input.email, role: "guest", name: "Guest", emailVerified: false },
    deps.tokens.guestTtlSeconds,
  );
  return { ok: true, token: { ...token, guestId } };
};
