import { createSchemaAdapter, type DbOptions } from "../adapter";
import { PrismaClient } from "../../generated/payment/client";

export { Prisma } from "../../generated/payment/client";
export type { OutboxMessage, ProcessedMessage } from "../../generated/payment/client";
export type { DbOptions } from "../adapter";

/** Payment's Prisma client. It reaches only its own schema, for model and raw queries alike. */
export function createPaymentDb({ url, schema = "bc_payment", poolMax }: DbOptions) {
  return new PrismaClient({ adapter: createSchemaAdapter({ url, schema, poolMax }) });
}

export type PaymentDb = ReturnType<typeof createPaymentDb>;
