import { createLocalJWKSet, jwtVerify, SignJWT } from "jose";
import { ACCESS_TOKEN_ALGORITHM } from "@marquee/service/auth";
import type { SigningKeys } from "../adapters/keys/signing-keys";
import type { TokenSettings } from "./issue-token";

/**
 * The audience of verification links: an access token is never accepted as one, and a
 * verification token is never accepted as an access token (other services require `marquee`).
 */
export const EMAIL_VERIFICATION_AUDIENCE = "marquee-email-verification";

/**
 * The token in a verification link: signed by identity's current key (so no table of pending
 * verifications and no extra secret), bound to the account and the address it was sent to.
 */
export const signEmailVerificationToken = async (
  keys: SigningKeys,
  settings: TokenSettings,
  account: { id: string; email: string },
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: string }> => {
  const expiresAt = Math.floor(Date.now() / 1_000) + ttlSeconds;
  const token = await new SignJWT({ email: account.email })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: keys.current.kid, typ: "JWT" })
    .setIssuer(settings.issuer)
    .setAudience(EMAIL_VERIFICATION_AUDIENCE)
    .setSubject(account.id)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(keys.current.privateKey);
  return { token, expiresAt: new Date(expiresAt * 1_000).toISOString() };
};

export type VerificationClaims =
  { ok: true; userId: string; email: string } | { ok: false; error: "expired" | "invalid" };

/** Checks a link's token against every key identity publishes (a rotation keeps old links working). */
export const readEmailVerificationToken = async (
  keys: SigningKeys,
  settings: TokenSettings,
  token: string,
): Promise<VerificationClaims> => {
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys.jwks), {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: settings.issuer,
      audience: EMAIL_VERIFICATION_AUDIENCE,
      requiredClaims: ["sub", "exp"],
    });
    if (typeof payload.sub !== "string" || typeof payload.email !== "string") {
      return { ok: false, error: "invalid" };
    }
    return { ok: true, userId: payload.sub, email: payload.email };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ok: false, error: code === "ERR_JWT_EXPIRED" ? "expired" : "invalid" };
  }
};
