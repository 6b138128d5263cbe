import "server-only";
import { getServerSession, type Session } from "next-auth";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { authOptions, decodeSession } from "./auth-options";
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
    decode: decodeSession,
  });
  if (!token?.accessToken || !token.accessTokenExpiresAt) return null;
  return Date.parse(token.accessTokenExpiresAt) > Date.now() ? token.accessToken : null;
};

export { issueGuestToken } from "./guest-token";
