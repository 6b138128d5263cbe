import { createFulfillmentDb, type FulfillmentDb } from "@marquee/db/fulfillment";

/** The only place this service opens its database: schema `bc_fulfillment`, nothing else reachable. */
export const createDb = (url: string): FulfillmentDb => createFulfillmentDb({ url });
