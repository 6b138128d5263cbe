import { NextResponse, type NextRequest } from "next/server";
import { newNonce, securityHeaders } from "./lib/security-headers";

/**
 * Runs before every request: a fresh CSP nonce, passed to the render on the request (Next reads it
 * from `content-security-policy` and adds it to its scripts; `x-nonce` for our own), and the
 * security headers on the response, pages, API routes and static files alike.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders(nonce, { dev: process.env.NODE_ENV === "development" });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["content-security-policy"] ?? "");
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
