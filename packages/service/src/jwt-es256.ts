import { KeyObject, verify as verifySignature, type webcrypto } from "node:crypto";

type CryptoKey = webcrypto.CryptoKey;

/**
 * Verifies a compact ES256 JWS and the registered claims of its JWT payload with `node:crypto`,
 * synchronously. jose verifies through WebCrypto, whose per-call cost (an async job, algorithm
 * normalisation, promise hops) made token verification a fifth of inventory's CPU during an
 * on-sale, where nearly every request carries a buyer's token seen for the first time; OpenSSL's
 * ECDSA verify underneath is the same. jose still manages the keys (JWKS fetch, cache, rotation):
 * `getKey` is its key set function.
 *
 * Refused (`JwtRefused`, with why): anything but three base64url segments; a header that is not a
 * JSON object, whose `alg` is not exactly ES256, or that carries `crit` (no extension is
 * understood here); a signature that is not 64 bytes (raw r‖s, RFC 7518 §3.4) or does not verify;
 * a payload that is not a JSON object; `iss` ≠ issuer; `aud` (string or array) without the
 * audience; `sub`, `iat`, `exp` missing or mistyped; `exp` past, `nbf` or `iat` ahead of now (each
 * with the clock tolerance).
 */
export type JwtRefusalReason = "malformed" | "signature" | "claims" | "expired";

export class JwtRefused extends Error {
  constructor(
    readonly reason: JwtRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = "JwtRefused";
  }
}

export type JwtHeader = { alg: string; kid?: string; [name: string]: unknown };

export type Es256VerifyOptions = {
  /** The verification key for this header (jose's JWKS function); may reject when none matches. */
  getKey: (header: JwtHeader) => Promise<CryptoKey | KeyObject>;
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  now?: () => number;
};

const SEGMENT = /^[A-Za-z0-9_-]+$/;

const decodeJsonObject = (segment: string, what: string): Record<string, unknown> => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    throw new JwtRefused("malformed", `${what} is not JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new JwtRefused("malformed", `${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
};

const keyObjects = new WeakMap<CryptoKey, KeyObject>();
const toKeyObject = (key: CryptoKey | KeyObject): KeyObject => {
  if (key instanceof KeyObject) return key;
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = KeyObject.from(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
};

const isNumericDate = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);

/** The verified payload. Key lookup failures from `getKey` propagate unchanged. */
export const verifyEs256Jwt = async (
  token: string,
  options: Es256VerifyOptions,
): Promise<Record<string, unknown>> => {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) {
    throw new JwtRefused("malformed", "not a compact JWS");
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJsonObject(headerPart, "header");
  if (header.alg !== "ES256") throw new JwtRefused("malformed", "algorithm is not ES256");
  if ("crit" in header) throw new JwtRefused("malformed", "critical header parameters");
  if (header.kid !== undefined && typeof header.kid !== "string") {
    throw new JwtRefused("malformed", "kid is not a string");
  }

  const signature = Buffer.from(signaturePart, "base64url");
  if (signature.length !== 64) throw new JwtRefused("signature", "signature is not 64 bytes");
  const key = toKeyObject(await options.getKey(header as JwtHeader));
  const signed = verifySignature(
    "sha256",
    Buffer.from(`${headerPart}.${payloadPart}`, "ascii"),
    { key, dsaEncoding: "ieee-p1363" },
    signature,
  );
  if (!signed) throw new JwtRefused("signature", "signature does not verify");

  const claims = decodeJsonObject(payloadPart, "payload");
  const now = Math.floor((options.now?.() ?? Date.now()) / 1_000);
  const tolerance = options.clockToleranceSeconds;
  if (claims.iss !== options.issuer) throw new JwtRefused("claims", "unexpected iss");
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(options.audience)) throw new JwtRefused("claims", "unexpected aud");
  if (typeof claims.sub !== "string") throw new JwtRefused("claims", "missing sub");
  if (!isNumericDate(claims.iat)) throw new JwtRefused("claims", "missing iat");
  if (!isNumericDate(claims.exp)) throw new JwtRefused("claims", "missing exp");
  if (claims.nbf !== undefined && !isNumericDate(claims.nbf)) {
    throw new JwtRefused("claims", "nbf is not a number");
  }
  if (claims.iat > now + tolerance) throw new JwtRefused("claims", "iat is in the future");
  if (isNumericDate(claims.nbf) && claims.nbf > now + tolerance) {
    throw new JwtRefused("claims", "not yet valid (nbf)");
  }
  if (claims.exp <= now - tolerance) throw new JwtRefused("expired", "expired");
  return claims;
};
