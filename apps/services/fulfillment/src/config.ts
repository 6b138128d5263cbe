import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";

/** Fulfillment's environment: the shared settings plus its own port. */
export const FulfillmentConfig = baseConfigSchema.extend({
  PORT: portSchema(5005),
});
export type FulfillmentConfig = z.infer<typeof FulfillmentConfig>;

export const loadConfig = (): FulfillmentConfig => parseConfig(FulfillmentConfig);
