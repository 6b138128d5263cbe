import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import { decode as decodeJwt, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeRedirect } from "./callback-url";
import { PROOF_REQUIRED } from "./sign-in-errors";
import { clientAddressOf } from "./client-address";
import { identityFor, isIdentityError } from "./identity-client";
import { issueGuestToken } from "./guest-token";
import { guestTokenOf, handOverGuestSeats, sessionCookieOf } from "./guest-handover";
import { revokedSessions } from "./revoked-sessions";
import { serverEnv } from "./server-env";

/** `staff`: door staff, who may only check tickets in (for `doorEvents`). */
export type Role = "customer" | "guest" | "staff" | "admin";

declare module "next-auth" {
  interface User {
    role: Role;
    /** Door staff only: the events whose door they may work, as identity said at sign-in. */
    doorEvents?: string[];
    accessToken: string;
    accessTokenExpiresAt: string;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: Role; doorEvents?: string[] };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** This sign-in's id: sign-out revokes it (lib/revoked-sessions.ts). */
    sid?: string;
    role?: Role;
    doorEvents?: string[];
    accessToken?: string;
    accessTokenExpiresAt?: string;
  }
}

// The browser's address as server.ts resolved it, for identity's throttling.
const clientIp = (req: { headers?: Record<string, unknown> }): string | undefined =>
  clientAddressOf((req.headers ?? {}) as Record<string, string | string[] | undefined>) ??
  undefined;

// The session the browser had when it signed in (a guest's, perhaps), decoded as every read is.
const guestSessionOf = async (req: { headers?: Record<string, unknown> }) => {
  const cookie = req.headers?.cookie;
  const token = sessionCookieOf(typeof cookie === "string" ? cookie : undefined);
  return token ? decodeSession({ token, secret: serverEnv.NEXTAUTH_SECRET }) : null;
};

// Identity's tokens last an hour; the session ends with the token inside it.
const SESSION_SECONDS = 60 * 60;

/**
 * Every read of the session cookie (the session route, getServerSession, getToken) decodes it
 * here: a cookie without a session id, or whose id was signed out, is no session at all.
 * next-auth stamps a fresh `jti` each time it re-encodes the cookie, so the id is our own `sid`,
 * set once at sign-in and carried by every re-encoded copy.
 */
export const decodeSession = async (params: JWTDecodeParams): Promise<JWT | null> => {
  const token = await decodeJwt(params);
  if (!token || typeof token.sid !== "string") return null;
  return (await revokedSessions().isRevoked(token.sid)) ? null : token;
};

/** Sign-out: the session's id is refused from now until no copy of its cookie could be used. */
export const revokeSession = async (token: JWT | null): Promise<void> => {
  if (!token?.sid) return;
  const accessExpiry = token.accessTokenExpiresAt
    ? Date.parse(token.accessTokenExpiresAt) / 1_000
    : 0;
  const cookieExpiry = typeof token.exp === "number" ? token.exp : 0;
  const until = Math.max(accessExpiry, cookieExpiry, Date.now() / 1_000 + SESSION_SECONDS);
  await revokedSessions().revoke(token.sid, until);
};

/**
 * Sign-in through identity: the credentials go to identity's `login`, and the access token it
 * returns is kept in next-auth's encrypted session cookie. The session the browser can read
 * (`/api/auth/session`) carries the user's id, name, email and role, never the token.
 */
export const authOptions: NextAuthOptions = {
  secret: serverEnv.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_SECONDS },
  jwt: { maxAge: SESSION_SECONDS, decode: decodeSession },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        // Only once identity asked for it (PROOF_REQUIRED).
        proof: { type: "hidden" },
      },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        try {
          const result = await identityFor(clientIp(req)).login.mutate({
            email: credentials.email,
            password: credentials.password,
            ...(credentials.proof ? { proof: credentials.proof } : {}),
          });
          // Signed in from a guest session: the guest's seats and cart become the account's.
          const guestToken = guestTokenOf(await guestSessionOf(req));
          if (guestToken && result.user.role === "customer") {
            await handOverGuestSeats(guestToken, {
              token: result.accessToken,
              ip: clientIp(req) ?? null,
            });
          }
          return {
            id: result.user.id,
            name: result.user.name,
            email: result.user.email,
            role: result.user.role,
            ...(result.user.doorEvents ? { doorEvents: result.user.doorEvents } : {}),
            accessToken: result.accessToken,
            accessTokenExpiresAt: result.expiresAt,
          };
        } catch (error) {
          if (isIdentityError(error) && error.data?.code === "PRECONDITION_FAILED")
            throw new Error(PROOF_REQUIRED);
          // Identity's messages are written for people ("invalid email or password", "try again
          // in 60 seconds"); anything else is not shown.
          if (isIdentityError(error) && error.data?.httpStatus !== 500)
            throw new Error(error.message);
          throw new Error("sign-in is unavailable right now; please try again");
        }
      },
    }),
    // A visitor who buys without an account: email only, identity issues a guest token, and the
    // rest of the site sees one kind of session whatever the role.
    CredentialsProvider({
      id: "guest",
      name: "Continue as a guest",
      // `proof`: the browser's solved proof of work (lib/proof-of-work.ts, purpose "guest").
      credentials: { email: { label: "Email", type: "email" }, proof: { type: "hidden" } },
      async authorize(credentials, req) {
        const email = credentials?.email?.trim() ?? "";
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
          throw new Error("Enter a valid email address.");
        if (!credentials?.proof) throw new Error("Your browser check did not finish; try again.");
        try {
          const guest = await issueGuestToken(email, credentials.proof, clientIp(req));
          return {
            id: guest.guestId,
            name: "Guest",
            email,
            role: "guest",
            accessToken: guest.accessToken,
            accessTokenExpiresAt: guest.expiresAt,
          };
        } catch (error) {
          if (isIdentityError(error) && error.data?.httpStatus !== 500)
            throw new Error(error.message);
          throw new Error("guest checkout is unavailable right now; please try again");
        }
      },
    }),
  ],
  events: {
    signOut: ({ token }) => revokeSession(token),
  },
  callbacks: {
    redirect: safeRedirect,
    jwt({ token, user }) {
      if (user) {
        token.sid = randomUUID();
        token.role = user.role;
        if (user.doorEvents) token.doorEvents = user.doorEvents;
        token.accessToken = user.accessToken;
        token.accessTokenExpiresAt = user.accessTokenExpiresAt;
      }
      return token;
    },
    session({ session, token }) {
      const expired =
        !token.accessTokenExpiresAt || Date.parse(token.accessTokenExpiresAt) <= Date.now();
      if (expired || !token.sub || !token.role) {
        return { expires: session.expires };
      }
      session.user = {
        id: token.sub,
        name: token.name ?? "",
        email: token.email ?? "",
        role: token.role,
        ...(token.role === "staff" ? { doorEvents: token.doorEvents ?? [] } : {}),
      };
      return session;
    },
  },
};
