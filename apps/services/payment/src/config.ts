import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

/** Payment's environment: the shared settings plus its own port. */
export const PaymentConfig = baseConfigSchema.extend({
  PORT: portSchema(packageJson.marquee.port),
});
export type PaymentConfig = z.infer<typeof PaymentConfig>;

export const loadConfig = (): PaymentConfig => parseConfig(PaymentConfig);
