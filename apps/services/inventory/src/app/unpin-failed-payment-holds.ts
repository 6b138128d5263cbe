import { unpinReservationsOf, type SqlTx } from "../adapters/db/inventory-store";

/**
 * A payment failed (card refused, or a hold had ended before the charge): the holds it pinned are
 * unpinned and run their course again; one already past its time is expired by the sweeper's next
 * round. A later payment's pin of the same holds names another payment and is left alone.
 * Returns how many holds were unpinned.
 */
export const unpinFailedPaymentHolds = (tx: SqlTx, paymentId: string): PromiseLike<number> =>
  unpinReservationsOf(tx, paymentId);
