import { withSchemaPool, type DbOptions } from "../adapter";
import { PrismaClient } from "../../generated/ordering/client";

export { Prisma } from "../../generated/ordering/client";
export type { OutboxMessage, ProcessedMessage } from "../../generated/ordering/client";
export type { DbOptions } from "../adapter";

/** Ordering's Prisma client. It reaches only its own schema, for model and raw queries alike. */
export function createOrderingDb({ url, schema = "bc_ordering", poolMax }: DbOptions) {
  return withSchemaPool({ url, schema, poolMax }, (adapter) => new PrismaClient({ adapter }));
}

export type OrderingDb = ReturnType<typeof createOrderingDb>;
