import type { JWT } from "next-auth/jwt";
import { servicesFor } from "../server/services";

// next-auth's session cookie, plain or (over HTTPS) __Secure-, possibly cut into .0, .1, … chunks.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The raw session cookie of a request, from its Cookie header, chunks joined; null without one. */
export const sessionCookieOf = (cookieHeader: string | undefined): string | null => {
  if (!cookieHeader) return null;
  const jar = new Map<string, string>();
  for (const part of cookieHeader.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  for (const name of SESSION_COOKIES) {
    const whole = jar.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`) ?? "");
    if (chunks.length > 0) return chunks.join("");
  }
  return null;
};

/** The guest's access token of a session that is a live guest session, else null. */
export const guestTokenOf = (session: JWT | null): string | null =>
  session?.role === "guest" &&
  session.accessToken &&
  session.accessTokenExpiresAt &&
  Date.parse(session.accessTokenExpiresAt) > Date.now()
    ? session.accessToken
    : null;

/**
 * A guest who signs in keeps their seats: the guest's holds become the account's (inventory, under
 * the per-customer cap), then the guest's cart joins the account's (ordering). The cart moves only
 * if the holds did. A refusal or an outage leaves the sign-in as it is (the seats stay the guest's
 * until their hold ends) and is logged; it never fails the sign-in.
 */
export const handOverGuestSeats = async (
  guestToken: string,
  account: { token: string; ip: string | null },
): Promise<void> => {
  const services = servicesFor(account);
  try {
    await services.inventory.adoptGuestHolds.mutate({ guestToken });
    await services.ordering.adoptGuestCart.mutate({ guestToken });
  } catch (error) {
    console.error(
      "guest seats not handed over at sign-in:",
      error instanceof Error ? error.message : error,
    );
  }
};
