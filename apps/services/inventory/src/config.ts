import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";

/** Inventory's environment: the shared settings plus its own port. */
export const InventoryConfig = baseConfigSchema.extend({
  PORT: portSchema(5002),
});
export type InventoryConfig = z.infer<typeof InventoryConfig>;

export const loadConfig = (): InventoryConfig => parseConfig(InventoryConfig);
