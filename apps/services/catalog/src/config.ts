import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";
import { SERVICE_PORTS } from "@marquee/service/ports";

/** Catalog's environment: the shared settings plus its own port. */
export const CatalogConfig = baseConfigSchema.extend({
  PORT: portSchema(SERVICE_PORTS.catalog),
});
export type CatalogConfig = z.infer<typeof CatalogConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): CatalogConfig =>
  parseConfig(CatalogConfig, env);
