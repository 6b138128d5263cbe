import { findOrderContact, listDeliveriesOfOrder, type SqlTx } from "../adapters/db/delivery-store";
import type { DeliveryKind, DeliveryStatus } from "../domain/delivery";

/** One email's history, as the web shows it to the order's owner and to admins. */
export type DeliveryView = {
  kind: DeliveryKind;
  status: DeliveryStatus;
  attempts: number;
  messageId: string | null;
  lastError: string | null;
  sentAt: string | null;
  to: string;
};

/** The order's emails with the order's owner (null when notification knows nothing of it). */
export const listOrderDeliveries = async (
  db: SqlTx,
  orderId: string,
): Promise<{ ownerId: string | null; deliveries: DeliveryView[] }> => {
  const rows = await listDeliveriesOfOrder(db, orderId);
  const ownerId = rows[0]?.customerId ?? (await findOrderContact(db, orderId))?.customerId ?? null;
  return {
    ownerId,
    deliveries: rows.map((r) => ({
      kind: r.kind,
      status: r.status,
      attempts: r.attempts,
      messageId: r.messageId,
      lastError: r.lastError,
      sentAt: r.sentAt?.toISOString() ?? null,
      to: r.toAddress,
    })),
  };
};
