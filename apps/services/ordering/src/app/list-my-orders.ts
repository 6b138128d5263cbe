import { listPlacedOrders, type SqlDb } from "../adapters/db/ordering-store";
import type { OrderError } from "../domain/errors";
import { decodeCursor, encodeCursor } from "../domain/order-cursor";
import { fail, ok, type Result } from "@marquee/service/result";
import { readConsistently, viewsOf } from "./load-orders";
import type { OrderView } from "./order-view";

export type OrderPage = { items: OrderView[]; nextCursor: string | null };

/** The caller's orders (carts excluded), newest first, one page at a time. */
export const listMyOrders = async (
  db: SqlDb,
  input: { customerId: string; cursor?: string; limit: number },
): Promise<Result<OrderPage, OrderError>> => {
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
  if (input.cursor !== undefined && after === null) return fail({ kind: "invalid-cursor" });
  return readConsistently(db, async (q) => {
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
  });
};
