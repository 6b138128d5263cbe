import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

/** The documented local default; production refuses to start with it. */
export const LOCAL_REQUEST_HASH_SECRET = "marquee-local-request-hash-secret";

const nonNegativeInt = (defaultValue: number) =>
  z.coerce.number().int().min(0).default(defaultValue);

/** Payment's environment: the shared settings plus its port, gateway latency and hashing secret. */
export const PaymentConfig = baseConfigSchema
  .extend({
    PORT: portSchema(packageJson.marquee.port),
    /** Bounds of the simulated gateway's answer time. */
    GATEWAY_MIN_LATENCY_MS: nonNegativeInt(100),
    GATEWAY_MAX_LATENCY_MS: nonNegativeInt(500),
    /**
     * Keys the HMAC that fingerprints a pay request for idempotency checks, so the stored hash
     * cannot be brute-forced back into a card number without it.
     */
    REQUEST_HASH_SECRET: z.string().min(16).default(LOCAL_REQUEST_HASH_SECRET),
    DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  })
  .refine((c) => c.GATEWAY_MIN_LATENCY_MS <= c.GATEWAY_MAX_LATENCY_MS, {
    path: ["GATEWAY_MAX_LATENCY_MS"],
    message: "must be at least GATEWAY_MIN_LATENCY_MS",
  })
  .refine(
    (c) => c.NODE_ENV !== "production" || c.REQUEST_HASH_SECRET !== LOCAL_REQUEST_HASH_SECRET,
    { path: ["REQUEST_HASH_SECRET"], message: "must be set to a secret of your own in production" },
  );
export type PaymentConfig = z.infer<typeof PaymentConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): PaymentConfig =>
  parseConfig(PaymentConfig, env);
