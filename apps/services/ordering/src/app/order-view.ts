import type { ItemRow, OrderRow } from "../adapters/db/ordering-store";
import type { RefundRequestRow } from "../adapters/db/refund-store";
import type { OrderStatus } from "../domain/order-status";
import { earliestExpiry, type OrderSeat } from "../domain/order-total";

/** An order as the API returns it: plain data, instants as ISO strings, money in integer cents. */
export type OrderView = {
  orderId: string;
  eventId: string;
  customerId: string;
  email: string | null;
  status: OrderStatus;
  /** `extendedAt`: when the customer extended that hold in inventory (once at most); null: not yet. */
  items: Array<{
    reservationId: string;
    expiresAt: string;
    extendedAt: string | null;
    seats: OrderSeat[];
  }>;
  totalCents: number;
  /** What payment has given back so far (all of `totalCents` once the order is `refunded`). */
  refundedCents: number;
  currency: string;
  /** When the first of the order's holds runs out; null for an empty cart. */
  expiresAt: string | null;
  lastPaymentError: { reason: string; message: string } | null;
  /** Refunds asked for this order, oldest first: `requested` until payment has made them. */
  refunds: Array<{
    requestId: string;
    kind: RefundRequestRow["kind"];
    status: RefundRequestRow["status"];
    /** Payment's reason, when it refused the refund (status `refused`). */
    refusal: string | null;
    /** What payment gave back, once refunded; before that what was asked (null: everything left). */
    amountCents: number | null;
    seatIds: string[];
    reason: string;
    createdAt: string;
  }>;
  createdAt: string;
  updatedAt: string;
};

const iso = (d: Date | string): string => new Date(d).toISOString();

export const toOrderView = (
  order: OrderRow,
  items: readonly ItemRow[],
  requests: readonly RefundRequestRow[] = [],
): OrderView => {
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
      extendedAt: item.extendedAt ? iso(item.extendedAt) : null,
      seats: item.seats.map((s) => ({
        seatId: s.seatId,
        section: s.section,
        row: s.row,
        number: s.number,
        priceCents: s.priceCents,
      })),
    })),
    totalCents: order.totalCents,
    refundedCents: order.refundedCents,
    currency: order.currency,
    expiresAt: expiry ? expiry.toISOString() : null,
    lastPaymentError:
      order.lastPaymentErrorReason === null
        ? null
        : { reason: order.lastPaymentErrorReason, message: order.lastPaymentErrorMessage ?? "" },
    refunds: requests
      .filter((r) => r.orderId === order.id)
      .map((r) => ({
        requestId: r.id,
        kind: r.kind,
        status: r.status,
        refusal: r.refusal,
        amountCents: r.refundedCents ?? r.amountCents,
        seatIds: r.seatIds,
        reason: r.reason,
        createdAt: iso(r.createdAt),
      })),
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
  };
};
