import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

/** Catalog's environment: the shared settings plus its own port. */
export const CatalogConfig = baseConfigSchema.extend({
  PORT: portSchema(packageJson.marquee.port),
});
export type CatalogConfig = z.infer<typeof CatalogConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): CatalogConfig =>
  parseConfig(CatalogConfig, env);
