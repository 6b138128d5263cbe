import { withSchemaPool, type DbOptions } from "../adapter";
import { PrismaClient } from "../../generated/catalog/client";

export { Prisma } from "../../generated/catalog/client";
export type { OutboxMessage, ProcessedMessage } from "../../generated/catalog/client";
export type { DbOptions } from "../adapter";

/** Catalog's Prisma client. It reaches only its own schema, for model and raw queries alike. */
export function createCatalogDb({ url, schema = "bc_catalog", poolMax }: DbOptions) {
  return withSchemaPool({ url, schema, poolMax }, (adapter) => new PrismaClient({ adapter }));
}

export type CatalogDb = ReturnType<typeof createCatalogDb>;
