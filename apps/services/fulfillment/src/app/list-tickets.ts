import {
  listTicketsOfHolder,
  listTicketsOfOrder,
  type SqlTx,
  type TicketWithEventRow,
} from "../adapters/db/ticket-store";
import { toTicketViews, type TicketView } from "./ticket-view";

/**
 * The tickets the signed-in person holds, by event start: their orders' tickets they have not
 * sent on, and those sent to their address once it is verified (`email`: lower-cased, or null).
 */
export const listMyTickets = async (
  db: SqlTx,
  holder: { customerId: string; email: string | null },
): Promise<TicketView[]> => toTicketViews(await listTicketsOfHolder(db, holder));

/**
 * What the order's customer sees of it: every ticket but those now held by someone else through a
 * transfer (their codes are the new holder's alone); the ones they sent on show as void.
 */
export const ticketsOfTheBuyer = (rows: TicketWithEventRow[]): TicketWithEventRow[] =>
  rows.filter((row) => row.holderEmail === null);

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
