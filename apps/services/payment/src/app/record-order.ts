import type { EventOfType } from "@marquee/events/registry";
import { closePendingOrder, insertPlacedOrder, type SqlTx } from "../adapters/db/payment-store";

/** Keeps what payment needs of a placed order: owner, total, event and the holds it pays for. */
export const recordPlacedOrder = async (
  tx: SqlTx,
  { data }: EventOfType<"ordering.order-placed">,
): Promise<void> => {
  await insertPlacedOrder(tx, {
    orderId: data.orderId,
    customerId: data.customerId,
    eventId: data.eventId,
    totalCents: data.totalCents,
    currency: data.currency,
    reservationIds: [...new Set(data.seats.map((seat) => seat.reservationId))].sort(),
  });
};

/** A cancelled or expired order can no longer be paid. Returns whether a pending order closed. */
export const closeOrder = async (
  tx: SqlTx,
  orderId: string,
  status: "cancelled" | "expired",
): Promise<boolean> => (await closePendingOrder(tx, orderId, status)) > 0;
