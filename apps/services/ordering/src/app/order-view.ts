import type { ItemRow, OrderRow } from "../adapters/db/ordering-store";
import type { OrderStatus } from "../domain/order-status";
import { earliestExpiry, type OrderSeat } from "../domain/order-total";

/** An order as the API returns it: plain data, instants as ISO strings, money in integer cents. */
export type OrderView = {
  orderId: string;
  eventId: string;
  customerId: string;
  email: string | null;
  status: OrderStatus;
  items: Array<{ reservationId: string; expiresAt: string; seats: OrderSeat[] }>;
  totalCents: number;
  currency: string;
  /** When the first of the order's holds runs out; null for an empty cart. */
  expiresAt: string | null;
  lastPaymentError: { reason: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
};

const iso = (d: Date | string): string => new Date(d).toISOString();

export const toOrderView = (order: OrderRow, items: readonly ItemRow[]): OrderView => {
  const own = items.filter((item) => item.orderId === order.id);
  const expiry = earliestExpiry(own.map((item) => ({ expiresAt: new Date(item.expiresAt) })));
  return {
    orderId: order.id,
    eventId: order.eventId,
    customerId: order.customerId,
    email: order.email,
    status: order.status,
    items: own.map((item) => ({
      reservationId: item.reservationId,
      expiresAt: iso(item.expiresAt),
      seats: item.seats.map((s) => ({
        seatId: s.seatId,
        section: s.section,
        row: s.row,
        number: s.number,
        priceCents: s.priceCents,
      })),
    })),
    totalCents: order.totalCents,
    currency: order.currency,
    expiresAt: expiry ? expiry.toISOString() : null,
    lastPaymentError:
      order.lastPaymentErrorReason === null
        ? null
        : { reason: order.lastPaymentErrorReason, message: order.lastPaymentErrorMessage ?? "" },
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
  };
};
