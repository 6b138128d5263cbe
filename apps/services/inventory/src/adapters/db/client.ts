import { createInventoryDb, type InventoryDb } from "@marquee/db/inventory";

export type { InventoryDb };

/** The only place this service opens its database: schema `bc_inventory`, nothing else reachable. */
export const createDb = (
  url: string,
  opts: { schema?: string; poolMax?: number } = {},
): InventoryDb => createInventoryDb({ url, ...opts });
