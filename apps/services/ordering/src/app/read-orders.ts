import type { AuthUser } from "@marquee/service/auth";
import {
  currencyOfEvent,
  findDraft,
  findOrder,
  listPlacedOrders,
  salesOfEvent,
  type SqlTx,
} from "../adapters/db/ordering-store";
import type { OrderError } from "../domain/errors";
import { decodeCursor, encodeCursor } from "../domain/order-cursor";
import { fail, ok, type Result } from "../domain/result";
import { viewOf, viewsOf } from "./load-orders";
import type { OrderView } from "./order-view";

/** The caller's cart for the event, or null when they have none. */
export const getCart = async (
  q: SqlTx,
  customerId: string,
  eventId: string,
): Promise<OrderView | null> => {
  const draft = await findDraft(q, customerId, eventId);
  return draft ? viewOf(q, draft) : null;
};

/** One order, for its owner or an admin; anyone else is told it does not exist. */
export const getOrder = async (
  q: SqlTx,
  user: AuthUser,
  orderId: string,
): Promise<Result<OrderView, OrderError>> => {
  const order = await findOrder(q, orderId);
  if (!order || (order.customerId !== user.id && user.role !== "admin")) {
    return fail({ kind: "order-not-found", orderId });
  }
  return ok(await viewOf(q, order));
};

export type OrderPage = { items: OrderView[]; nextCursor: string | null };

/** The caller's orders (carts excluded), newest first, one page at a time. */
export const listMyOrders = async (
  q: SqlTx,
  input: { customerId: string; cursor?: string; limit: number },
): Promise<Result<OrderPage, OrderError>> => {
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
  if (input.cursor !== undefined && after === null) return fail({ kind: "invalid-cursor" });
  const rows = await listPlacedOrders(q, input.customerId, after, input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return ok({
    items: await viewsOf(q, page),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({ createdAt: new Date(last.createdAt), orderId: last.id })
        : null,
  });
};

export type EventSales = {
  eventId: string;
  ordersConfirmed: number;
  seatsSold: number;
  revenueCents: number;
  currency: string;
};

/** What an event has sold through confirmed (or fulfilled) orders. */
export const getEventSales = async (q: SqlTx, eventId: string): Promise<EventSales> => {
  const sales = await salesOfEvent(q, eventId);
  const currency = sales.currency ?? (await currencyOfEvent(q, eventId)) ?? "EUR";
  return {
    eventId,
    ordersConfirmed: sales.ordersConfirmed,
    seatsSold: sales.seatsSold,
    revenueCents: Number(sales.revenueCents),
    currency,
  };
};
