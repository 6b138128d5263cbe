import type { AuthUser, TokenVerifier } from "./auth-token";

export type VerifiedTokenCacheOptions = {
  /** Most tokens remembered at once; the oldest go first. */
  maxEntries?: number;
  /** Longest a verified token is trusted without checking it again; never past its `exp`. */
  maxAgeMs?: number;
  now?: () => number;
};

/** `exp` (ms) of a token that has just been verified, so its payload is the one that was signed. */
const expiryOf = (token: string): number | null => {
  const payload = token.split(".")[1];
  if (payload === undefined) return null;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      exp?: unknown;
    };
    return typeof exp === "number" ? exp * 1_000 : null;
  } catch {
    return null;
  }
};

/**
 * Remembers tokens the inner verifier accepted, keyed by the token string, for a few seconds, so
 * a buyer clicking around a seat map does not pay an ES256 verification per request (it was the
 * largest single cost of a hold after the database). Only successes are kept; an entry never
 * outlives the token's `exp` nor `maxAgeMs`, and the map is bounded. Identity's tokens cannot be
 * revoked before `exp` anyway, so this trusts nothing the signature did not already grant.
 */
export const cacheVerifiedTokens = (
  inner: TokenVerifier,
  { maxEntries = 10_000, maxAgeMs = 5_000, now = Date.now }: VerifiedTokenCacheOptions = {},
): TokenVerifier => {
  const verified = new Map<string, { user: AuthUser; until: number }>();

  return {
    async verify(token) {
      const hit = verified.get(token);
      if (hit) {
        if (now() < hit.until) return { ...hit.user };
        verified.delete(token);
      }
      const user = await inner.verify(token);
      const exp = expiryOf(token);
      const until = Math.min(now() + maxAgeMs, exp ?? 0);
      if (until > now()) {
        if (verified.size >= maxEntries) {
          const oldest = verified.keys().next();
          if (!oldest.done) verified.delete(oldest.value);
        }
        verified.set(token, { user, until });
      }
      return { ...user };
    },
  };
};
