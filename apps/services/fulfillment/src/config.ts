import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

/** Fulfillment's environment: the shared settings plus its own port. */
export const FulfillmentConfig = baseConfigSchema.extend({
  PORT: portSchema(packageJson.marquee.port),
});
export type FulfillmentConfig = z.infer<typeof FulfillmentConfig>;

export const loadConfig = (): FulfillmentConfig => parseConfig(FulfillmentConfig);
