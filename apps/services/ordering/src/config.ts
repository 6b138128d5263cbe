import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import { z } from "zod";
import { localServiceUrl, SERVICE_PORTS } from "@marquee/service/ports";

/** Ordering's environment: the shared settings plus its port and where inventory answers. */
export const OrderingConfig = baseConfigSchema.extend({
  PORT: portSchema(SERVICE_PORTS.ordering),
  /** Inventory's HTTP API, read through when a cart needs a hold not yet projected. */
  INVENTORY_URL: z.url().default(localServiceUrl("inventory")),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
});
export type OrderingConfig = z.infer<typeof OrderingConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): OrderingConfig =>
  parseConfig(OrderingConfig, env);
