import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

/** Inventory's environment: the shared settings plus its own port. */
export const InventoryConfig = baseConfigSchema.extend({
  PORT: portSchema(packageJson.marquee.port),
});
export type InventoryConfig = z.infer<typeof InventoryConfig>;

export const loadConfig = (): InventoryConfig => parseConfig(InventoryConfig);
