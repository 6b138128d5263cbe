import {
  findOrder,
  listItems,
  type OrderRow,
  type SqlDb,
  type SqlTx,
} from "../adapters/db/ordering-store";
import { listRefundRequestsOfOrders } from "../adapters/db/refund-store";
import { toOrderView, type OrderView } from "./order-view";

/** The views of these orders, with their holds, in the order given. */
export const viewsOf = async (q: SqlTx, orders: readonly OrderRow[]): Promise<OrderView[]> => {
  if (orders.length === 0) return [];
  const ids = orders.map((o) => o.id);
  const [items, requests] = await Promise.all([
    listItems(q, ids),
    listRefundRequestsOfOrders(q, ids),
  ]);
  return orders.map((order) => toOrderView(order, items, requests));
};

export const viewOf = async (q: SqlTx, order: OrderRow): Promise<OrderView> => {
  const [view] = await viewsOf(q, [order]);
  if (!view) throw new Error(`no view for order ${order.id}`);
  return view;
};

/**
 * Runs the reads of one answer in one snapshot: an order, its holds and its refunds as of one
 * moment, never a refund already marked refunded beside an order whose refunded total a consumer
 * had not yet raised when it was read.
 */
export const readConsistently = <R>(db: SqlDb, read: (q: SqlTx) => Promise<R>): Promise<R> =>
  db.$transaction(read, { isolationLevel: "RepeatableRead" });

/** Re-reads the order after a change, for the answer. */
export const reloadView = (db: SqlDb, orderId: string): Promise<OrderView> =>
  readConsistently(db, async (q) => {
    const order = await findOrder(q, orderId);
    if (!order) throw new Error(`order ${orderId} vanished`);
    return viewOf(q, order);
  });
