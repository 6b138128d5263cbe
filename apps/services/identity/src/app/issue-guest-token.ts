import { randomUUID } from "node:crypto";
import type { GuestTokenInput } from "../domain/credentials";
import type { IdentityDeps } from "./deps";
import { issueToken, type IssuedToken } from "./issue-token";

export type GuestToken = IssuedToken & { guestId: string };

/**
 * A token for checking out without an account. Every call gets a new random guest id rather than
 * one derived from the email: anyone may ask for a guest token for any email, and a derived id would
 * let them read the orders another guest placed under that email. What a guest buys is reached
 * through this token and the email that receives the tickets.
 */
export const issueGuestToken = async (
  deps: Pick<IdentityDeps, "keys" | "tokens">,
  input: GuestTokenInput,
): Promise<GuestToken> => {
  const guestId = randomUUID();
  const token = await issueToken(
    deps.keys,
    deps.tokens,
    { id: guestId, email: input.email, role: "guest", name: "Guest" },
    deps.tokens.guestTtlSeconds,
  );
  return { ...token, guestId };
};
