import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";

/** Payment's environment: the shared settings plus its own port. */
export const PaymentConfig = baseConfigSchema.extend({
  PORT: portSchema(5004),
});
export type PaymentConfig = z.infer<typeof PaymentConfig>;

export const loadConfig = (): PaymentConfig => parseConfig(PaymentConfig);
