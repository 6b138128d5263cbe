import { createLocalJWKSet, createRemoteJWKSet, errors, type JSONWebKeySet } from "jose";
import { z } from "zod";
import { MAX_DOOR_EVENTS } from "./door-staff-limits";
import { cacheVerifiedTokens } from "./auth-token-cache";
import { JwtRefused, verifyEs256Jwt } from "./jwt-es256";

/**
 * Who may call what. `guest` holds a checkout-scoped token; `customer`, `staff` and `admin` have
 * accounts. `staff` (door staff, invited by an organizer) may only check tickets in, and only for
 * the events in their token's `doorEvents`.
 */
export const Role = z.enum(["customer", "guest", "staff", "admin"]);
export type Role = z.infer<typeof Role>;

/** The verified caller, as procedures see it in `ctx.user`; `id` is the token's `sub`. */
export const AuthUser = z.object({
  id: z.string().min(1),
  email: z.email(),
  role: Role,
  name: z.string(),
  /** Whether the email is proven (identity's `emailVerified` claim); absent in older tokens. */
  emailVerified: z.boolean().optional(),
  /** Door staff only: the events (catalog ids) whose door they may work, as of sign-in. */
  doorEvents: z.array(z.string()).optional(),
});
export type AuthUser = z.infer<typeof AuthUser>;

export { MAX_DOOR_EVENTS };

/**
 * The private claims identity puts into an access token next to the registered ones (`iss`, `aud`,
 * `sub`, `iat`, `exp`). Signed by identity, read by every service through `createTokenVerifier`.
 */
export const AccessTokenClaims = z.object({
  sub: z.string().min(1),
  email: z.email(),
  role: Role,
  name: z.string(),
  /** The account verified its email address (by link); always false for guests. */
  emailVerified: z.boolean().optional(),
  /**
   * Door staff only: the events they are assigned to (identity's staff assignments at sign-in).
   * Ignored on any other role, so it can never widen what a customer or guest may do.
   */
  doorEvents: z.array(z.string().min(1).max(100)).max(MAX_DOOR_EVENTS).optional(),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaims>;

/** The one algorithm identity signs with; anything else (`none`, HS256 with the public key...) is refused. */
export const ACCESS_TOKEN_ALGORITHM = "ES256";
export const DEFAULT_ISSUER = "marquee-identity";
export const DEFAULT_AUDIENCE = "marquee";

/** Why a token was refused. `unavailable` means identity's keys could not be fetched, not that the token is bad. */
export type TokenRejection = "missing" | "invalid" | "expired" | "unavailable";

export class TokenVerificationError extends Error {
  constructor(
    readonly reason: TokenRejection,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TokenVerificationError";
  }
}

export type TokenVerifier = {
  /** Resolves with the caller, or rejects with a `TokenVerificationError`. */
  verify(token: string): Promise<AuthUser>;
};

export type TokenVerifierOptions = (
  | { jwksUrl: string }
  /** Identity itself verifies against the keys it holds, without a round trip to itself. */
  | { jwks: JSONWebKeySet }
) & {
  issuer: string;
  audience: string;
  /** How long fetched keys are trusted before they are fetched again (jose default: 10 minutes). */
  cacheMaxAgeMs?: number;
  /** Minimum time between two fetches triggered by an unknown key id (jose default: 30 s). */
  cooldownMs?: number;
  /** Timeout of one JWKS request. */
  timeoutMs?: number;
  /** Tolerated clock difference between identity and this service for `exp`/`nbf`/`iat`. */
  clockToleranceSeconds?: number;
};

// Key set errors that mean "this token is not acceptable" (its kid names no key we hold…);
// anything else (network, a non-200 JWKS response, a malformed key set) means identity's keys
// could not be read.
const TOKEN_FAULTS = new Set<string>([
  errors.JOSENotSupported.code,
  errors.JWKInvalid.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
]);

/**
 * Verifies identity's access tokens against its published JWKS: signature (ES256 only, checked
 * with node:crypto in `jwt-es256.ts`), `exp`, `nbf`, `iat`, `iss`, `aud`, `sub` and the shape of
 * the private claims. Keys are jose's key set: cached and re-fetched when a token names an unknown
 * key id (rotation), at most once per cooldown.
 */
export const createTokenVerifier = (options: TokenVerifierOptions): TokenVerifier => {
  const jwks =
    "jwks" in options
      ? createLocalJWKSet(options.jwks)
      : createRemoteJWKSet(new URL(options.jwksUrl), {
          ...(options.cacheMaxAgeMs === undefined ? {} : { cacheMaxAge: options.cacheMaxAgeMs }),
          ...(options.cooldownMs === undefined ? {} : { cooldownDuration: options.cooldownMs }),
          timeoutDuration: options.timeoutMs ?? 2_000,
        });

  return {
    async verify(token) {
      let payload: unknown;
      try {
        payload = await verifyEs256Jwt(token, {
          getKey: (header) => jwks(header),
          issuer: options.issuer,
          audience: options.audience,
          clockToleranceSeconds: options.clockToleranceSeconds ?? 5,
        });
      } catch (error) {
        if (error instanceof JwtRefused) {
          if (error.reason === "expired") {
            throw new TokenVerificationError("expired", "token expired", { cause: error });
          }
          throw new TokenVerificationError("invalid", "invalid token", { cause: error });
        }
        if (error instanceof errors.JOSEError && TOKEN_FAULTS.has(error.code)) {
          throw new TokenVerificationError("invalid", "invalid token", { cause: error });
        }
        throw new TokenVerificationError("unavailable", "cannot fetch identity's signing keys", {
          cause: error,
        });
      }
      const claims = AccessTokenClaims.safeParse(payload);
      if (!claims.success) {
        throw new TokenVerificationError("invalid", "invalid token claims", {
          cause: claims.error,
        });
      }
      const { sub, email, role, name, emailVerified, doorEvents } = claims.data;
      return {
        id: sub,
        email,
        role,
        name,
        ...(emailVerified === undefined ? {} : { emailVerified }),
        // Only staff carry door events; a staff token without the claim works no door at all.
        ...(role === "staff" ? { doorEvents: doorEvents ?? [] } : {}),
      };
    },
  };
};

/** `Bearer <token>` from an Authorization header, or null. */
export const bearerToken = (header: string | string[] | undefined): string | null => {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
};

/** The verifier every service builds from its shared configuration (`@marquee/service/config`). */
export const tokenVerifierFor = (config: {
  IDENTITY_JWKS_URL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
}): TokenVerifier =>
  cacheVerifiedTokens(
    createTokenVerifier({
      jwksUrl: config.IDENTITY_JWKS_URL,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    }),
  );
