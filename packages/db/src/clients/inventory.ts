import { withSchemaPool, type DbOptions } from "../adapter";
import { PrismaClient } from "../../generated/inventory/client";

export { Prisma } from "../../generated/inventory/client";
export type { OutboxMessage, ProcessedMessage } from "../../generated/inventory/client";
export type { DbOptions } from "../adapter";

/** Inventory's Prisma client. It reaches only its own schema, for model and raw queries alike. */
export function createInventoryDb({ url, schema = "bc_inventory", poolMax }: DbOptions) {
  return withSchemaPool({ url, schema, poolMax }, (adapter) => new PrismaClient({ adapter }));
}

export type InventoryDb = ReturnType<typeof createInventoryDb>;
