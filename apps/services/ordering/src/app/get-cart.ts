import { findDraft, type SqlTx } from "../adapters/db/ordering-store";
import { viewOf } from "./load-orders";
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
