import { createFulfillmentDb, type FulfillmentDb } from "@marquee/db/fulfillment";

export type { FulfillmentDb };

/** The only place this service opens its database: schema `bc_fulfillment`, nothing else reachable. */
export const createDb = (
  url: string,
  opts: { schema?: string; poolMax?: number } = {},
): FulfillmentDb => createFulfillmentDb({ url, ...opts });
