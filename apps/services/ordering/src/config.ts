import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";

/** Ordering's environment: the shared settings plus its own port. */
export const OrderingConfig = baseConfigSchema.extend({
  PORT: portSchema(5003),
});
export type OrderingConfig = z.infer<typeof OrderingConfig>;

export const loadConfig = (): OrderingConfig => parseConfig(OrderingConfig);
