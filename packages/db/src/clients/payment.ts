import { withSchemaPool, type DbOptions } from "../adapter";
import { PrismaClient } from "../../generated/payment/client";

export { Prisma } from "../../generated/payment/client";
export type { OutboxMessage, ProcessedMessage } from "../../generated/payment/client";
export type { DbOptions } from "../adapter";

/** Payment's Prisma client. It reaches only its own schema, for model and raw queries alike. */
export function createPaymentDb({ url, schema = "bc_payment", poolMax }: DbOptions) {
  return withSchemaPool({ url, schema, poolMax }, (adapter) => new PrismaClient({ adapter }));
}

export type PaymentDb = ReturnType<typeof createPaymentDb>;
