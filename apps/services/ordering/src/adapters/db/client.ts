import { createOrderingDb, type OrderingDb } from "@marquee/db/ordering";

/** The only place this service opens its database: schema `bc_ordering`, nothing else reachable. */
export const createDb = (url: string): OrderingDb => createOrderingDb({ url });
