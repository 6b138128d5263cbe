import { createCatalogDb, type CatalogDb } from "@marquee/db/catalog";

export type { CatalogDb };

/** The only place this service opens its database: schema `bc_catalog`, nothing else reachable. */
export const createDb = (
  url: string,
  opts: { schema?: string; poolMax?: number } = {},
): CatalogDb => createCatalogDb({ url, ...opts });
