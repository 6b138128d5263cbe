import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from "jose";
import { ACCESS_TOKEN_ALGORITHM } from "@marquee/service/auth";
import type { Logger } from "@marquee/service/logger";
import { z } from "zod";

/** One EC P-256 key as a JWK; `d` (the private part) is needed only on the signing key. */
const EcJwk = z.looseObject({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1).optional(),
  kid: z.string().min(1).optional(),
});
const KeySetJson = z.object({ keys: z.array(EcJwk).min(1) });

export type SigningKeys = {
  /** Signs every new token; the first key of the configured set. */
  current: { kid: string; privateKey: CryptoKey };
  /** Public parts of every configured key, current first: what `/.well-known/jwks.json` serves. */
  jwks: JSONWebKeySet;
};

const publicPart = ({ kty, crv, x, y }: JWK): JWK => ({ kty, crv, x, y });

/** Builds the signer and the published key set from a JWK Set (JSON text). */
export const parseSigningKeys = async (json: string): Promise<SigningKeys> => {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('JWT_KEYS is not valid JSON (expected a JWK Set: {"keys": [...]})');
  }
  const parsed = KeySetJson.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`JWT_KEYS is not a set of EC P-256 keys: ${parsed.error.issues[0]?.message}`);
  }
  const keys = await Promise.all(
    parsed.data.keys.map(async (jwk) => ({
      jwk,
      kid: jwk.kid ?? (await calculateJwkThumbprint(publicPart(jwk))),
    })),
  );
  const [first] = keys;
  if (!first?.jwk.d)
    throw new Error("the first key of JWT_KEYS signs and must include its private part (d)");
  const kids = new Set(keys.map((key) => key.kid));
  if (kids.size !== keys.length) throw new Error("JWT_KEYS holds two keys with the same kid");

  const privateKey = await importJWK(
    { ...first.jwk, alg: ACCESS_TOKEN_ALGORITHM },
    ACCESS_TOKEN_ALGORITHM,
  );
  if (privateKey instanceof Uint8Array) throw new Error("JWT_KEYS: expected an asymmetric key");
  return {
    current: { kid: first.kid, privateKey },
    jwks: {
      keys: keys.map(({ jwk, kid }) => ({
        ...publicPart(jwk),
        kid,
        alg: ACCESS_TOKEN_ALGORITHM,
        use: "sig",
      })),
    },
  };
};

/** A new P-256 private key as a JWK with its thumbprint as `kid`, for JWT_KEYS or the local key file. */
export const generateSigningJwk = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(publicPart(jwk)) };
};

/**
 * Local development: reads the key file, or creates it with one fresh key on first start. `wx`
 * makes concurrent first starts agree on one file instead of overwriting each other's key.
 */
export const ensureKeyFile = async (path: string, log: Pick<Logger, "info">): Promise<string> => {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dirname(path), { recursive: true });
  const contents = `${JSON.stringify({ keys: [await generateSigningJwk()] }, null, 2)}\n`;
  try {
    await writeFile(path, contents, { flag: "wx", mode: 0o600 });
    log.info({ path }, "generated a local signing key");
    return contents;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readFile(path, "utf8");
  }
};

/** `JWT_KEYS` when set; otherwise the local key file, created on first use. */
export const loadSigningKeys = async (
  config: { JWT_KEYS?: string | undefined; JWT_KEYS_FILE: string; NODE_ENV: string },
  log: Pick<Logger, "info" | "warn">,
): Promise<SigningKeys> => {
  if (config.JWT_KEYS) return parseSigningKeys(config.JWT_KEYS);
  if (config.NODE_ENV === "production") {
    log.warn(
      { path: config.JWT_KEYS_FILE },
      "JWT_KEYS is not set; signing with the local key file (fine for one machine, not for replicas)",
    );
  }
  return parseSigningKeys(await ensureKeyFile(config.JWT_KEYS_FILE, log));
};
