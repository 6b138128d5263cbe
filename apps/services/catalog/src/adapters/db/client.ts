import { createCatalogDb, type CatalogDb } from "@marquee/db/catalog";

/** The only place this service opens its database: schema `bc_catalog`, nothing else reachable. */
export const createDb = (url: string): CatalogDb => createCatalogDb({ url });
