import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

/** Identity's environment: the shared settings plus its own port. */
export const IdentityConfig = baseConfigSchema.extend({
  PORT: portSchema(packageJson.marquee.port),
});
export type IdentityConfig = z.infer<typeof IdentityConfig>;

export const loadConfig = (): IdentityConfig => parseConfig(IdentityConfig);
