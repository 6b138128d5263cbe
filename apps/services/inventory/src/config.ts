import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

const positiveInt = (defaultValue: number) =>
  z.coerce.number().int().positive().default(defaultValue);

/** Inventory's environment: the shared settings plus its port, hold and worker settings. */
export const InventoryConfig = baseConfigSchema.extend({
  PORT: portSchema(packageJson.marquee.port),
  /** How long a hold lasts when catalog set no TTL for the event. */
  HOLD_TTL_SECONDS: positiveInt(900),
  /** Seats one customer may hold at once for one event, across all their active holds. */
  MAX_SEATS_PER_CUSTOMER: positiveInt(10),
  /** Lifetime of a per-seat Redis lock; a crashed holder blocks the seat at most this long. */
  SEAT_LOCK_TTL_MS: positiveInt(5_000),
  /** How often the expiry worker looks for holds past their time, and how many it frees at once. */
  EXPIRY_INTERVAL_MS: positiveInt(500),
  EXPIRY_BATCH_SIZE: positiveInt(200),
  DB_POOL_MAX: positiveInt(20),
});
export type InventoryConfig = z.infer<typeof InventoryConfig>;

export const loadConfig = (env?: Record<string, string | undefined>): InventoryConfig =>
  parseConfig(InventoryConfig, env);
