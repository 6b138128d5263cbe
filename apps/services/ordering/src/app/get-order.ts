import type { AuthUser } from "@marquee/service/auth";
import { findOrder, type SqlDb } from "../adapters/db/ordering-store";
import type { OrderError } from "../domain/errors";
import { fail, ok, type Result } from "@marquee/service/result";
import { readConsistently, viewOf } from "./load-orders";
import type { OrderView } from "./order-view";

/** One order, for its owner or an admin; anyone else is told it does not exist. */
export const getOrder = (
  db: SqlDb,
  user: AuthUser,
  orderId: string,
): Promise<Result<OrderView, OrderError>> =>
  readConsistently(db, async (q) => {
    const order = await findOrder(q, orderId);
    if (!order || (order.customerId !== user.id && user.role !== "admin")) {
      return fail({ kind: "order-not-found", orderId });
    }
    return ok(await viewOf(q, order));
  });
