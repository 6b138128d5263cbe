import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";

/** Identity's environment: the shared settings plus its own port. */
export const IdentityConfig = baseConfigSchema.extend({
  PORT: portSchema(5000),
});
export type IdentityConfig = z.infer<typeof IdentityConfig>;

export const loadConfig = (): IdentityConfig => parseConfig(IdentityConfig);
