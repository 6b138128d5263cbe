import { findAwaitingPayment, findDraft, type SqlDb } from "../adapters/db/ordering-store";
import { readConsistently, viewOf } from "./load-orders";
import type { OrderView } from "./order-view";

/**
 * The caller's open order for the event: the cart (draft), or else the order checkout placed that
 * waits for payment (pending, payment_failed), so a customer back from checkout sees their seats
 * as theirs. Null when they have neither.
 */
export const getCart = (
  db: SqlDb,
  customerId: string,
  eventId: string,
): Promise<OrderView | null> =>
  readConsistently(db, async (q) => {
    const open =
      (await findDraft(q, customerId, eventId)) ??
      (await findAwaitingPayment(q, customerId, eventId));
    return open ? viewOf(q, open) : null;
  });
