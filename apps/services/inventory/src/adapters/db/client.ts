import { createInventoryDb, type InventoryDb } from "@marquee/db/inventory";

/** The only place this service opens its database: schema `bc_inventory`, nothing else reachable. */
export const createDb = (url: string): InventoryDb => createInventoryDb({ url });
