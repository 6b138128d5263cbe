import { identityFor } from "./identity-client";

/**
 * A guest token for buying without an account (role `guest`, a new guest id each call), for the
 * browser's solved proof of work (`lib/proof-of-work.ts`, purpose `guest`). The browser's address
 * goes along for identity's per-address limit. The `guest` sign-in provider keeps the token in the
 * session cookie, server-side, like a customer's token.
 */
export const issueGuestToken = async (
  email: string,
  proof: string,
  clientIp: string | undefined,
): Promise<{ accessToken: string; expiresAt: string; guestId: string }> => {
  const result = await identityFor(clientIp).guestToken.mutate({ email, proof });
  return { accessToken: result.accessToken, expiresAt: result.expiresAt, guestId: result.guest.id };
};
