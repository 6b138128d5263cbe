import {
  findOrder,
  listPaymentsOfOrder,
  listRefundsOfOrder,
  type SqlTx,
} from "../adapters/db/payment-store";
import { toPaymentHistoryView, type PaymentHistoryView } from "./payment-view";

/**
 * An order's payments, oldest first, each with its refund (or null), and the customer who owns
 * the order (null when payment has never heard of it), so the edge can apply owner-or-admin.
 */
export const listOrderPayments = async (
  db: SqlTx,
  orderId: string,
): Promise<{ ownerId: string | null; payments: PaymentHistoryView[] }> => {
  const [order, rows, refunds] = await Promise.all([
    findOrder(db, orderId),
    listPaymentsOfOrder(db, orderId),
    listRefundsOfOrder(db, orderId),
  ]);
  return {
    ownerId: order?.customerId ?? rows[0]?.customerId ?? null,
    payments: rows.map((row) => toPaymentHistoryView(row, refunds)),
  };
};
