import { fileURLToPath } from "node:url";
import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import {
  DEFAULT_PROOF_OF_WORK_DIFFICULTY,
  LOCAL_POW_HMAC_KEY,
} from "@marquee/service/proof-of-work";
import { z } from "zod";
import { SERVICE_PORTS } from "@marquee/service/ports";

/** Where a local key pair is generated on first start when `JWT_KEYS` is not set (git-ignored). */
export const DEFAULT_KEYS_FILE = fileURLToPath(
  new URL("../../../../.data/identity/keys.json", import.meta.url),
);

const seconds = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/**
 * Identity's environment: the shared settings plus keys, token lifetimes, bcrypt cost, throttling,
 * proof of work and email verification.
 */
export const IdentityConfig = baseConfigSchema
  .extend({
    PORT: portSchema(SERVICE_PORTS.identity),
    /** JSON Web Key Set of EC P-256 keys: the first (with its private part) signs, the rest only verify. */
    JWT_KEYS: z.string().optional(),
    JWT_KEYS_FILE: z.string().min(1).default(DEFAULT_KEYS_FILE),
    ACCESS_TOKEN_TTL_SECONDS: seconds(3_600),
    GUEST_TOKEN_TTL_SECONDS: seconds(7_200),
    /** Defaults to 12 in production and 10 elsewhere. */
    BCRYPT_COST: z.coerce.number().int().min(10).max(15).optional(),
    /** Failed sign-ins (domain/sign-in-limits.ts): an address waits past this many on all accounts… */
    LOGIN_MAX_FAILURES_PER_IP: count(20),
    /** …and past this many on one account; the account itself never waits. */
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: count(10),
    /** Attempts need a solved proof of work after this many failures of the address on the account… */
    LOGIN_PROOF_AFTER_FAILURES: count(3),
    /** …or after this many failures on the account from any address. */
    LOGIN_PROOF_AFTER_ACCOUNT_FAILURES: count(10),
    LOGIN_FAILURE_WINDOW_SECONDS: seconds(900),
    LOGIN_LOCKOUT_BASE_SECONDS: seconds(60),
    LOGIN_LOCKOUT_MAX_SECONDS: seconds(900),
    /** Signs proof-of-work challenges; inventory verifies waiting-room joins with the same key. */
    POW_HMAC_KEY: z.string().min(32).default(LOCAL_POW_HMAC_KEY),
    /** Largest secret counter of a challenge: ~3/4 of it PBKDF2 attempts to solve (see README). */
    POW_DIFFICULTY: count(DEFAULT_PROOF_OF_WORK_DIFFICULTY),
    POW_EXPIRES_IN_SECONDS: seconds(300),
    /** Guest tokens per client address and per email in one fixed window. */
    GUEST_TOKENS_PER_IP: count(20),
    GUEST_TOKENS_PER_EMAIL: count(5),
    GUEST_TOKEN_WINDOW_SECONDS: seconds(600),
    /** Sign-ups per client address and per email in one fixed window. */
    REGISTRATIONS_PER_IP: count(10),
    REGISTRATIONS_PER_EMAIL: count(3),
    REGISTRATION_WINDOW_SECONDS: seconds(3_600),
    /** Verification links sent again per email, in the sign-up window. */
    VERIFICATION_EMAILS_PER_EMAIL: count(3),
    /** How long the link in the verification email works. */
    EMAIL_VERIFICATION_TTL_SECONDS: seconds(86_400),
    /** How long the link in a door staff invitation works. */
    STAFF_INVITATION_TTL_SECONDS: seconds(7 * 86_400),
  })
  .refine((c) => c.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP > c.LOGIN_PROOF_AFTER_FAILURES, {
    path: ["LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP"],
    message: "must be more than LOGIN_PROOF_AFTER_FAILURES",
  })
  .refine((c) => c.NODE_ENV !== "production" || c.POW_HMAC_KEY !== LOCAL_POW_HMAC_KEY, {
    path: ["POW_HMAC_KEY"],
    message: "must be set to a secret of your own in production",
  })
  .transform(({ BCRYPT_COST, ...config }) => ({
    ...config,
    BCRYPT_COST: BCRYPT_COST ?? (config.NODE_ENV === "production" ? 12 : 10),
  }));
export type IdentityConfig = z.infer<typeof IdentityConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): IdentityConfig =>
  parseConfig(IdentityConfig, env);
