import type { Session } from "next-auth";

/**
 * The browser's side of sign-in and sign-out: next-auth's own REST endpoints under `/api/auth`,
 * asked exactly as `next-auth/react` asks them (a CSRF token, then a form post answered with JSON),
 * without shipping that module. It is compiled with Babel's regenerator and weighs 13 kB gzip on
 * every page that signs someone in, the event page's guest checkout among them; these few
 * functions are all the storefront uses of it.
 */
const AUTH_PATH = "/api/auth";

/** What a credentials sign-in came to: `error` is the provider's message (or next-auth's code). */
export type SignInResult = { ok: boolean; error: string | null };

const csrfToken = async (): Promise<string> => {
  const response = await fetch(`${AUTH_PATH}/csrf`, { cache: "no-store" });
  const body = (await response.json().catch(() => ({}))) as { csrfToken?: unknown };
  if (typeof body.csrfToken !== "string") throw new Error("/api/auth/csrf gave no CSRF token");
  return body.csrfToken;
};

const postForm = async (path: string, fields: Record<string, string>) =>
  fetch(`${AUTH_PATH}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      ...fields,
      csrfToken: await csrfToken(),
      callbackUrl: window.location.href,
      json: "true",
    }),
  });

/**
 * Signs in with a credentials provider (`credentials`: email and password; `guest`: an email and
 * a proof of work). On success the session cookie is set; the caller navigates or refreshes. A
 * refusal is an answer, not an exception: next-auth puts the reason in its redirect URL's `error`.
 */
export const signInWithCredentials = async (
  provider: "credentials" | "guest",
  fields: Record<string, string>,
): Promise<SignInResult> => {
  try {
    const response = await postForm(`/callback/${provider}`, fields);
    const body = (await response.json().catch(() => ({}))) as { url?: unknown };
    const error =
      typeof body.url === "string"
        ? new URL(body.url, window.location.href).searchParams.get("error")
        : "unreadable answer";
    return { ok: response.ok && error === null, error };
  } catch {
    return { ok: false, error: null };
  }
};

/** Ends the session (the server also revokes it); the caller navigates afterwards. */
export const signOut = async (): Promise<void> => {
  await postForm("/signout", {});
};

/** The session as the server sees it now, or null when signed out. */
export const currentSession = async (): Promise<Session | null> => {
  const response = await fetch(`${AUTH_PATH}/session`, { cache: "no-store" });
  const session = (await response.json().catch(() => null)) as Session | null;
  return session && Object.keys(session).length > 0 ? session : null;
};
