import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

/** Ordering's environment: the shared settings plus its port and where inventory answers. */
export const OrderingConfig = baseConfigSchema.extend({
  PORT: portSchema(packageJson.marquee.port),
  /** Inventory's HTTP API, read through when a cart needs a hold not yet projected. */
  INVENTORY_URL: z.url().default("http://127.0.0.1:5002"),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
});
export type OrderingConfig = z.infer<typeof OrderingConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): OrderingConfig =>
  parseConfig(OrderingConfig, env);
