import { withSchemaPool, type DbOptions } from "../adapter";
import { PrismaClient } from "../../generated/fulfillment/client";

export { Prisma } from "../../generated/fulfillment/client";
export type { OutboxMessage, ProcessedMessage } from "../../generated/fulfillment/client";
export type { DbOptions } from "../adapter";

/** Fulfillment's Prisma client. It reaches only its own schema, for model and raw queries alike. */
export function createFulfillmentDb({ url, schema = "bc_fulfillment", poolMax }: DbOptions) {
  return withSchemaPool({ url, schema, poolMax }, (adapter) => new PrismaClient({ adapter }));
}

export type FulfillmentDb = ReturnType<typeof createFulfillmentDb>;
