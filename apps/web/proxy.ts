import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { decodeSession } from "./lib/auth-options";
import { DOOR_STAFF_ONLY_PATH, isOffLimitsToDoorStaff } from "./lib/door-staff-paths";
import { newNonce, securityHeaders } from "./lib/security-headers";
import { serverEnv } from "./lib/server-env";

/** Door staff check tickets in and nothing else: is this request theirs, for a page that is not? */
const isDoorStaffOffLimits = async (request: NextRequest): Promise<boolean> => {
  if (!isOffLimitsToDoorStaff(request.nextUrl.pathname)) return false;
  const session = await getToken({
    req: request,
    secret: serverEnv.NEXTAUTH_SECRET,
    decode: decodeSession,
  });
  return session?.role === "staff";
};

/**
 * Runs before every request: a fresh CSP nonce, passed to the render on the request (Next reads it
 * from `content-security-policy` and adds it to its scripts; `x-nonce` for our own), and the
 * security headers on the response, pages, API routes and static files alike. Door staff asking
 * for an organizer page other than the check-in desk (or an account page) get the page that says
 * what their account is for, under the address they asked for; the web's procedures and the
 * services refuse them the data anyway.
 */
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders(nonce, { dev: process.env.NODE_ENV === "development" });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["content-security-policy"] ?? "");
  const response = (await isDoorStaffOffLimits(request))
    ? NextResponse.rewrite(new URL(DOOR_STAFF_ONLY_PATH, request.url), {
        request: { headers: forwarded },
      })
    : NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
