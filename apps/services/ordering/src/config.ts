import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

/** Ordering's environment: the shared settings plus its own port. */
export const OrderingConfig = baseConfigSchema.extend({
  PORT: portSchema(packageJson.marquee.port),
});
export type OrderingConfig = z.infer<typeof OrderingConfig>;

export const loadConfig = (): OrderingConfig => parseConfig(OrderingConfig);
