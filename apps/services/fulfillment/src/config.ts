import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

/** The documented local default; production refuses to start with it. */
export const LOCAL_TICKET_SIGNING_KEY = "marquee-local-ticket-signing-key-not-for-production";

/** Fulfillment's environment: the shared settings plus its port and the ticket signing key. */
export const FulfillmentConfig = baseConfigSchema
  .extend({
    PORT: portSchema(packageJson.marquee.port),
    /** Keys the HMAC in every ticket code: whoever holds it can mint tickets, so keep it secret. */
    TICKET_SIGNING_KEY: z.string().min(32).default(LOCAL_TICKET_SIGNING_KEY),
    DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  })
  .refine((c) => c.NODE_ENV !== "production" || c.TICKET_SIGNING_KEY !== LOCAL_TICKET_SIGNING_KEY, {
    path: ["TICKET_SIGNING_KEY"],
    message: "must be set to a secret of your own in production",
  });
export type FulfillmentConfig = z.infer<typeof FulfillmentConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): FulfillmentConfig =>
  parseConfig(FulfillmentConfig, env);
