import "server-only";
import { getServerSession, type Session } from "next-auth";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { authOptions } from "./auth-options";
import { identity } from "./identity-client";
import { serverEnv } from "./server-env";

/** The signed-in user for server components, or null. */
export const getSignedInUser = async (): Promise<Session["user"] | null> => {
  const session = await getServerSession(authOptions);
  return session?.user ?? null;
};

/**
 * The signed-in user's identity access token, for the web server's calls to the services
 * (`authorization: Bearer ...`). Read from the encrypted session cookie on the server; never sent
 * to the browser. Null when signed out or when the token has expired.
 */
export const getAccessToken = async (): Promise<string | null> => {
  const token = await getToken({
    req: { cookies: await cookies(), headers: Object.fromEntries(await headers()) } as never,
    secret: serverEnv.NEXTAUTH_SECRET,
  });
  if (!token?.accessToken || !token.accessTokenExpiresAt) return null;
  return Date.parse(token.accessTokenExpiresAt) > Date.now() ? token.accessToken : null;
};

/**
 * A guest token for checking out without an account (role `guest`, a new guest id each call).
 * The checkout calls this on the server and keeps the token server-side for the services.
 */
export const issueGuestToken = async (
  email: string,
): Promise<{ accessToken: string; expiresAt: string; guestId: string }> => {
  const result = await identity.guestToken.mutate({ email });
  return { accessToken: result.accessToken, expiresAt: result.expiresAt, guestId: result.guest.id };
};
