import { findAwaitingPayment, findDraft, type SqlTx } from "../adapters/db/ordering-store";
import { viewOf } from "./load-orders";
import type { OrderView } from "./order-view";

/**
 * The caller's open order for the event: the cart (draft), or else the order checkout placed that
 * waits for payment (pending, payment_failed), so a customer back from checkout sees their seats
 * as theirs. Null when they have neither.
 */
export const getCart = async (
  q: SqlTx,
  customerId: string,
  eventId: string,
): Promise<OrderView | null> => {
  const open =
    (await findDraft(q, customerId, eventId)) ??
    (await findAwaitingPayment(q, customerId, eventId));
  return open ? viewOf(q, open) : null;
};
