import { createPaymentDb, type PaymentDb } from "@marquee/db/payment";

/** The only place this service opens its database: schema `bc_payment`, nothing else reachable. */
export const createDb = (url: string): PaymentDb => createPaymentDb({ url });
