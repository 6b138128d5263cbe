import { fileURLToPath } from "node:url";
import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

/** Where a local key pair is generated on first start when `JWT_KEYS` is not set (git-ignored). */
export const DEFAULT_KEYS_FILE = fileURLToPath(
  new URL("../../../../.data/identity/keys.json", import.meta.url),
);

const seconds = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/**
 * Whose `X-Forwarded-For` to believe (Fastify's `trustProxy`): `true`, `false`, or a comma-separated
 * list of addresses, CIDRs or proxy-addr names. The default believes only loopback: locally the web
 * server on the same machine forwards the browser's address, so throttling sees browsers, not it.
 */
const trustProxy = z
  .string()
  .default("loopback")
  .transform((value): boolean | string[] => {
    if (value === "true") return true;
    if (value === "false") return false;
    return value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
  });

/** Identity's environment: the shared settings plus keys, token lifetimes, bcrypt cost and throttling. */
export const IdentityConfig = baseConfigSchema
  .extend({
    PORT: portSchema(packageJson.marquee.port),
    /** JSON Web Key Set of EC P-256 keys: the first (with its private part) signs, the rest only verify. */
    JWT_KEYS: z.string().optional(),
    JWT_KEYS_FILE: z.string().min(1).default(DEFAULT_KEYS_FILE),
    ACCESS_TOKEN_TTL_SECONDS: seconds(3_600),
    GUEST_TOKEN_TTL_SECONDS: seconds(7_200),
    /** Defaults to 12 in production and 10 elsewhere. */
    BCRYPT_COST: z.coerce.number().int().min(10).max(15).optional(),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: count(5),
    LOGIN_MAX_FAILURES_PER_IP: count(20),
    LOGIN_FAILURE_WINDOW_SECONDS: seconds(900),
    LOGIN_LOCKOUT_BASE_SECONDS: seconds(60),
    LOGIN_LOCKOUT_MAX_SECONDS: seconds(900),
    TRUST_PROXY: trustProxy,
  })
  .transform(({ BCRYPT_COST, ...config }) => ({
    ...config,
    BCRYPT_COST: BCRYPT_COST ?? (config.NODE_ENV === "production" ? 12 : 10),
  }));
export type IdentityConfig = z.infer<typeof IdentityConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): IdentityConfig =>
  parseConfig(IdentityConfig, env);
