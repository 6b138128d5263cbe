import { createInventoryDb, type InventoryDb } from "@marquee/db/inventory";
import { createSchemaPool, type Pool } from "@marquee/db/pool";

export type { InventoryDb, Pool };

/** The only place this service opens its database: schema `bc_inventory`, nothing else reachable. */
export const createDb = (
  url: string,
  opts: { schema?: string; poolMax?: number } = {},
): InventoryDb => createInventoryDb({ url, ...opts });

/**
 * A plain `pg` pool on the same schema for the hold, which is one statement (`hold-seats.ts`) and
 * would spend most of its time in Prisma's query layer and transaction round trips otherwise.
 */
export const createHoldPool = (
  url: string,
  opts: { schema?: string; poolMax?: number } = {},
): Pool => createSchemaPool({ url, schema: opts.schema ?? "bc_inventory", poolMax: opts.poolMax });
