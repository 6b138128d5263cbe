import { ORDER_COLUMNS, type OrderRow, type SqlTx } from "./ordering-store";

/** The guest's carts (one per event at most), row-locked in id order. */
export const lockDraftsOf = (tx: SqlTx, customerId: string): PromiseLike<OrderRow[]> =>
  tx.$queryRawUnsafe(
    `SELECT ${ORDER_COLUMNS} FROM customer_order
      WHERE customer_id = $1 AND status = 'draft' ORDER BY id FOR UPDATE`,
    customerId,
  );

/** Moves every line of one cart into another; answers the holds moved. */
export const moveItems = async (tx: SqlTx, fromOrderId: string, toOrderId: string) => {
  const rows = await tx.$queryRawUnsafe<Array<{ reservationId: string }>>(
    `UPDATE order_item SET order_id = $2::uuid WHERE order_id = $1::uuid
     RETURNING reservation_id::text AS "reservationId"`,
    fromOrderId,
    toOrderId,
  );
  return rows.map((r) => r.reservationId);
};

/** The guest's live holds become the account's in ordering's copy, as they did in inventory. */
export const reassignActiveHolds = async (
  tx: SqlTx,
  fromCustomerId: string,
  toCustomerId: string,
): Promise<void> => {
  await tx.$executeRawUnsafe(
    `UPDATE hold_projection SET customer_id = $2, updated_at = now()
      WHERE customer_id = $1 AND status = 'active'`,
    fromCustomerId,
    toCustomerId,
  );
};

/** Drops a cart that never left draft and has no lines left: nothing was announced about it. */
export const deleteEmptyDraft = async (tx: SqlTx, orderId: string): Promise<void> => {
  await tx.$executeRawUnsafe(
    `DELETE FROM customer_order o WHERE o.id = $1::uuid AND o.status = 'draft'
        AND NOT EXISTS (SELECT 1 FROM order_item i WHERE i.order_id = o.id)`,
    orderId,
  );
};
