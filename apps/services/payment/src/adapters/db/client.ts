import { createPaymentDb, type PaymentDb } from "@marquee/db/payment";

export type { PaymentDb };

/** The only place this service opens its database: schema `bc_payment`, nothing else reachable. */
export const createDb = (
  url: string,
  opts: { schema?: string; poolMax?: number } = {},
): PaymentDb => createPaymentDb({ url, ...opts });
