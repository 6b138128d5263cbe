import { withSchemaPool, type DbOptions } from "../adapter";
import { PrismaClient } from "../../generated/identity/client";

export { Prisma } from "../../generated/identity/client";
export type { OutboxMessage, ProcessedMessage } from "../../generated/identity/client";
export type { DbOptions } from "../adapter";

/** Identity's Prisma client. It reaches only its own schema, for model and raw queries alike. */
export function createIdentityDb({ url, schema = "bc_identity", poolMax }: DbOptions) {
  return withSchemaPool({ url, schema, poolMax }, (adapter) => new PrismaClient({ adapter }));
}

export type IdentityDb = ReturnType<typeof createIdentityDb>;
