import type { SqlDb } from "../adapters/db/ordering-store";
import { listPaidOrdersOfEvent } from "../adapters/db/refund-store";
import { readConsistently, viewsOf } from "./load-orders";
import type { OrderView } from "./order-view";

/** The orders of an event that took money, newest first, with seats and refunds: the organizer's list. */
export const listEventOrders = (db: SqlDb, eventId: string, limit: number): Promise<OrderView[]> =>
  readConsistently(db, async (q) => viewsOf(q, await listPaidOrdersOfEvent(q, eventId, limit)));
