import { errors, jwtVerify, SignJWT } from "jose";

/** Why an admission token does not let its bearer hold seats. */
export type AdmissionProblem =
  | { kind: "admission-missing" }
  | { kind: "admission-forged" }
  | { kind: "admission-expired"; expiredAt: Date }
  | { kind: "admission-other-event" }
  | { kind: "admission-other-visitor" };

export type AdmissionTokens = {
  /** HS256 JWT: sub = visitor, eid = event, exp = the end of the shopping window. */
  issue(claims: { visitorId: string; eventId: string; expiresAt: Date }): Promise<string>;
  /** Checks signature, event, visitor and expiry (against `now`, not the process clock). */
  check(
    token: string | undefined,
    expected: { visitorId: string; eventId: string; now: Date },
  ): Promise<{ ok: true } | { ok: false; problem: AdmissionProblem }>;
};

const ISSUER = "marquee-inventory";
const AUDIENCE = "marquee-waiting-room";

/**
 * Admission tokens, signed and checked by inventory only (so a symmetric key is enough); every
 * inventory process shares `ADMISSION_SIGNING_KEY`, so any of them accepts what another issued.
 */
export const createAdmissionTokens = (signingKey: string): AdmissionTokens => {
  const key = new TextEncoder().encode(signingKey);
  return {
    issue: ({ visitorId, eventId, expiresAt }) =>
      new SignJWT({ eid: eventId })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(visitorId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1_000))
        .sign(key),

    async check(token, expected) {
      if (!token) return { ok: false, problem: { kind: "admission-missing" } };
      let payload: { sub?: unknown; eid?: unknown; exp?: unknown };
      let expired = false;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: ["HS256"],
          issuer: ISSUER,
          audience: AUDIENCE,
          requiredClaims: ["sub", "eid", "exp"],
          currentDate: expected.now,
        }));
      } catch (error) {
        // The signature is checked before the claims, so an expired token's claims are genuine.
        if (!(error instanceof errors.JWTExpired)) {
          return { ok: false, problem: { kind: "admission-forged" } };
        }
        payload = error.payload;
        expired = true;
      }
      if (payload.eid !== expected.eventId)
        return { ok: false, problem: { kind: "admission-other-event" } };
      if (payload.sub !== expected.visitorId)
        return { ok: false, problem: { kind: "admission-other-visitor" } };
      if (expired) {
        const exp = typeof payload.exp === "number" ? payload.exp : 0;
        return {
          ok: false,
          problem: { kind: "admission-expired", expiredAt: new Date(exp * 1_000) },
        };
      }
      return { ok: true };
    },
  };
};
