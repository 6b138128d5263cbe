import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import { z } from "zod";
import { SERVICE_PORTS } from "@marquee/service/ports";

/** The documented local default; production refuses to start with it. */
export const LOCAL_REQUEST_HASH_SECRET = "marquee-local-request-hash-secret";

const nonNegativeInt = (defaultValue: number) =>
  z.coerce.number().int().min(0).default(defaultValue);

/** Payment's environment: the shared settings plus its port, gateway latency and hashing secret. */
export const PaymentConfig = baseConfigSchema
  .extend({
    PORT: portSchema(SERVICE_PORTS.payment),
    /** Bounds of the simulated gateway's answer time. */
    GATEWAY_MIN_LATENCY_MS: nonNegativeInt(100),
    GATEWAY_MAX_LATENCY_MS: nonNegativeInt(500),
    /**
     * Keys the HMAC that fingerprints a pay request for idempotency checks, so the stored hash
     * cannot be brute-forced back into a card number without it.
     */
    REQUEST_HASH_SECRET: z.string().min(16).default(LOCAL_REQUEST_HASH_SECRET),
    DB_POOL_MAX: z.coerce.number().int().positive().default(10),
    /**
     * Ordering's HTTP API, read through when a customer pays an order whose order-placed has not
     * reached payment yet (app/read-order-through.ts). Unset: orders are known from Kafka only.
     */
    ORDERING_URL: z.url().optional(),
    /**
     * Inventory's HTTP API, asked to pin an order's holds before the charge (app/pay-order.ts), so
     * ordering can confirm on payment-succeeded. Unset: nothing is pinned and ordering confirms
     * once inventory has sold the seats.
     */
    INVENTORY_URL: z.url().optional(),
    /**
     * A payment still processing this long after it was written has lost its request (the
     * gateway answers within GATEWAY_MAX_LATENCY_MS); recovery then settles it from the gateway's
     * records, checking every PAYMENT_RECOVERY_INTERVAL_MS.
     */
    STALLED_PAYMENT_AFTER_MS: z.coerce.number().int().positive().default(60_000),
    PAYMENT_RECOVERY_INTERVAL_MS: z.coerce.number().int().positive().default(10_000),
  })
  .refine((c) => c.GATEWAY_MIN_LATENCY_MS <= c.GATEWAY_MAX_LATENCY_MS, {
    path: ["GATEWAY_MAX_LATENCY_MS"],
    message: "must be at least GATEWAY_MIN_LATENCY_MS",
  })
  .refine((c) => c.STALLED_PAYMENT_AFTER_MS > c.GATEWAY_MAX_LATENCY_MS, {
    path: ["STALLED_PAYMENT_AFTER_MS"],
    message: "must be longer than GATEWAY_MAX_LATENCY_MS, or recovery would settle live payments",
  })
  .refine(
    (c) => c.NODE_ENV !== "production" || c.REQUEST_HASH_SECRET !== LOCAL_REQUEST_HASH_SECRET,
    { path: ["REQUEST_HASH_SECRET"], message: "must be set to a secret of your own in production" },
  );
export type PaymentConfig = z.infer<typeof PaymentConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): PaymentConfig =>
  parseConfig(PaymentConfig, env);
