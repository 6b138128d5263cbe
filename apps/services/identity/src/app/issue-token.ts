import { SignJWT } from "jose";
import { ACCESS_TOKEN_ALGORITHM, type AuthUser } from "@marquee/service/auth";
import type { SigningKeys } from "../adapters/keys/signing-keys";

export type TokenSettings = { issuer: string; audience: string };

/** What sign-in, sign-up and guest checkout hand back: the bearer token and when it stops working. */
export type IssuedToken = { accessToken: string; expiresAt: string };

/**
 * Signs an access token for `user` (claims `sub`, `email`, `role`, `name`, `emailVerified`, `iss`,
 * `aud`, `iat`, `exp`, and `doorEvents` for door staff).
 */
export const issueToken = async (
  keys: SigningKeys,
  settings: TokenSettings,
  user: AuthUser,
  ttlSeconds: number,
): Promise<IssuedToken> => {
  const issuedAt = Math.floor(Date.now() / 1_000);
  const expiresAt = issuedAt + ttlSeconds;
  const accessToken = await new SignJWT({
    email: user.email,
    role: user.role,
    name: user.name,
    emailVerified: user.emailVerified ?? false,
    ...(user.role === "staff" ? { doorEvents: user.doorEvents ?? [] } : {}),
  })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: keys.current.kid, typ: "JWT" })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(user.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(keys.current.privateKey);
  return { accessToken, expiresAt: new Date(expiresAt * 1_000).toISOString() };
};
