import { findOrder, listItems, type OrderRow, type SqlTx } from "../adapters/db/ordering-store";
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

/** Re-reads the order after a change, for the answer. */
export const reloadView = async (q: SqlTx, orderId: string): Promise<OrderView> => {
  const order = await findOrder(q, orderId);
  if (!order) throw new Error(`order ${orderId} vanished`);
  return viewOf(q, order);
};
