import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";

/** Catalog's environment: the shared settings plus its own port. */
export const CatalogConfig = baseConfigSchema.extend({
  PORT: portSchema(5001),
});
export type CatalogConfig = z.infer<typeof CatalogConfig>;

export const loadConfig = (): CatalogConfig => parseConfig(CatalogConfig);
