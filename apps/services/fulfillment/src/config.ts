import { baseConfigSchema, cpuNiceSchema, parseConfig, portSchema } from "@marquee/service/config";
import { z } from "zod";
import { SERVICE_PORTS } from "@marquee/service/ports";

/** The documented local default; production refuses to start with it. */
export const LOCAL_TICKET_SIGNING_KEY = "marquee-local-ticket-signing-key-not-for-production";

/**
 * The documented local key that signs door lists (EC P-256, PKCS#8 DER in base64); production
 * refuses to start with it.
 */
export const LOCAL_DOOR_LIST_SIGNING_KEY =
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgROlTnAQvDJfY+5MMSHCLwNrzt3r1fbygufzY8bpyY/OhRANCAATzwpvZWV36YAYfDdAGASRduB2SuZUBrcHw+nVD6j9iPIWzZVqvF5B1w83eHaK6sEMf3pNCUji9BCtHQO0CiBKa";

/** Fulfillment's environment: the shared settings plus its port and the ticket signing key. */
export const FulfillmentConfig = baseConfigSchema
  .extend({
    PORT: portSchema(SERVICE_PORTS.fulfillment),
    /**
     * Below the purchase path by default: tickets (codes, QR images, PDFs) follow a purchase, and where they share
     * CPUs with inventory, payment and ordering (npm start, one machine) the buyer waiting for a
     * confirmation should not wait behind them. 0 runs at the priority it was started with.
     */
    CPU_NICE: cpuNiceSchema(10),
    /** Keys the HMAC in every ticket code: whoever holds it can mint tickets, so keep it secret. */
    TICKET_SIGNING_KEY: z.string().min(32).default(LOCAL_TICKET_SIGNING_KEY),
    /**
     * Signs the lists a door downloads to check tickets offline (ES256): an EC P-256 private key,
     * PKCS#8 DER in base64 or PEM. Its public half is served (`doorListKey`).
     */
    DOOR_LIST_SIGNING_KEY: z.string().min(1).default(LOCAL_DOOR_LIST_SIGNING_KEY),
    DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  })
  .refine((c) => c.NODE_ENV !== "production" || c.TICKET_SIGNING_KEY !== LOCAL_TICKET_SIGNING_KEY, {
    path: ["TICKET_SIGNING_KEY"],
    message: "must be set to a secret of your own in production",
  })
  .refine(
    (c) => c.NODE_ENV !== "production" || c.DOOR_LIST_SIGNING_KEY !== LOCAL_DOOR_LIST_SIGNING_KEY,
    { path: ["DOOR_LIST_SIGNING_KEY"], message: "must be set to a key of your own in production" },
  );
export type FulfillmentConfig = z.infer<typeof FulfillmentConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): FulfillmentConfig =>
  parseConfig(FulfillmentConfig, env);
