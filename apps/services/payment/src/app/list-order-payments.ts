import { findOrder, listPaymentsOfOrder, type SqlTx } from "../adapters/db/payment-store";
import { toPaymentView, type PaymentView } from "./payment-view";

/**
 * An order's payments, oldest first, with the customer who owns the order (null when payment has
 * never heard of it), so the edge can apply owner-or-admin.
 */
export const listOrderPayments = async (
  db: SqlTx,
  orderId: string,
): Promise<{ ownerId: string | null; payments: PaymentView[] }> => {
  const [order, rows] = await Promise.all([
    findOrder(db, orderId),
    listPaymentsOfOrder(db, orderId),
  ]);
  return {
    ownerId: order?.customerId ?? rows[0]?.customerId ?? null,
    payments: rows.map(toPaymentView),
  };
};
