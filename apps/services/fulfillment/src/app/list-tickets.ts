import {
  listTicketsOfCustomer,
  listTicketsOfOrder,
  type SqlTx,
  type TicketWithEventRow,
} from "../adapters/db/ticket-store";
import { toTicketViews, type TicketView } from "./ticket-view";

/** The signed-in customer's tickets across all orders, by event start. */
export const listMyTickets = async (db: SqlTx, customerId: string): Promise<TicketView[]> =>
  toTicketViews(await listTicketsOfCustomer(db, customerId));

/**
 * One order's tickets with its owner, for the caller to authorise. No tickets means not issued
 * (yet), and then there is no owner to check against.
 */
export const listOrderTickets = async (
  db: SqlTx,
  orderId: string,
): Promise<{ ownerId: string | null; rows: TicketWithEventRow[] }> => {
  const rows = await listTicketsOfOrder(db, orderId);
  return { ownerId: rows[0]?.customerId ?? null, rows };
};
