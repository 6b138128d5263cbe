import { identity } from "./identity-client";

/**
 * A guest token for buying without an account (role `guest`, a new guest id each call). The
 * `guest` sign-in provider keeps it in the session cookie, server-side, like a customer's token.
 */
export const issueGuestToken = async (
  email: string,
): Promise<{ accessToken: string; expiresAt: string; guestId: string }> => {
  const result = await identity.guestToken.mutate({ email });
  return { accessToken: result.accessToken, expiresAt: result.expiresAt, guestId: result.guest.id };
};
