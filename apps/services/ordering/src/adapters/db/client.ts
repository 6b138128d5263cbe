import { createOrderingDb, type OrderingDb } from "@marquee/db/ordering";

export type { OrderingDb };

/** The only place this service opens its database: schema `bc_ordering`, nothing else reachable. */
export const createDb = (
  url: string,
  opts: { schema?: string; poolMax?: number } = {},
): OrderingDb => createOrderingDb({ url, ...opts });
