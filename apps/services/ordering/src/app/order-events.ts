import {
  OrderCancelled,
  OrderConfirmed,
  OrderExpired,
  OrderFailed,
  OrderPlaced,
} from "@marquee/events/contracts/ordering";
import { createEvent, type EventCause } from "@marquee/events/create-event";
import type { ItemRow, OrderRow } from "../adapters/db/ordering-store";

// The events ordering publishes on `ordering.orders`, keyed by order id, built from stored rows.

const refOf = (order: OrderRow) => ({
  orderId: order.id,
  customerId: order.customerId,
  email: order.email,
  eventId: order.eventId,
});

const pricedOf = (order: OrderRow, items: readonly ItemRow[]) => ({
  ...refOf(order),
  seats: items.flatMap((item) =>
    item.seats.map((seat) => ({
      seatId: seat.seatId,
      reservationId: item.reservationId,
      section: seat.section,
      row: seat.row,
      number: seat.number,
      priceCents: seat.priceCents,
    })),
  ),
  totalCents: order.totalCents,
  currency: order.currency,
});

export const orderPlaced = (order: OrderRow, items: readonly ItemRow[], cause: EventCause) =>
  createEvent(OrderPlaced, { key: order.id, ...cause, data: pricedOf(order, items) });

export const orderConfirmed = (order: OrderRow, items: readonly ItemRow[], cause: EventCause) =>
  createEvent(OrderConfirmed, { key: order.id, ...cause, data: pricedOf(order, items) });

export const orderCancelled = (order: OrderRow, reservationIds: string[], cause: EventCause) =>
  createEvent(OrderCancelled, {
    key: order.id,
    ...cause,
    data: { ...refOf(order), reservationIds },
  });

export const orderExpired = (order: OrderRow, cause: EventCause) =>
  createEvent(OrderExpired, { key: order.id, ...cause, data: refOf(order) });

export const orderFailed = (order: OrderRow, reason: string, cause: EventCause) =>
  createEvent(OrderFailed, { key: order.id, ...cause, data: { ...refOf(order), reason } });
