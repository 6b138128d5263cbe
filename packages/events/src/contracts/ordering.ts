import { z } from "zod";
import { defineEvent } from "../define-event";
import { Cents, Currency } from "../envelope";
import { Topics } from "../topics";
import { RefundedSeatsTo, RefundKind } from "./payment";

const OrderSeat = z.object({
  seatId: z.uuid(),
  reservationId: z.uuid(),
  section: z.string().min(1),
  row: z.string().min(1),
  number: z.number().int().positive(),
  priceCents: Cents,
});

const OrderRef = {
  orderId: z.uuid(),
  customerId: z.string().min(1),
  email: z.email(),
  eventId: z.uuid(),
};

/** An order with its seats and the total fixed at checkout. */
const PricedOrder = z.object({
  ...OrderRef,
  seats: z.array(OrderSeat).min(1),
  totalCents: Cents,
  currency: Currency,
});

/** Ordering → payment: checkout fixed the total; the order waits for payment. */
export const OrderPlaced = defineEvent({
  type: "ordering.order-placed",
  topic: Topics.orderingOrders,
  version: 1,
  data: PricedOrder,
});

/** Ordering → fulfillment, notification: paid and every seat confirmed by inventory. */
export const OrderConfirmed = defineEvent({
  type: "ordering.order-confirmed",
  topic: Topics.orderingOrders,
  version: 1,
  data: PricedOrder,
});

/** Ordering → inventory, payment: the customer cancelled; its holds are released. */
export const OrderCancelled = defineEvent({
  type: "ordering.order-cancelled",
  topic: Topics.orderingOrders,
  version: 1,
  data: z.object({ ...OrderRef, reservationIds: z.array(z.uuid()) }),
});

/** Ordering → payment, notification: the holds ran out before the order was paid. */
export const OrderExpired = defineEvent({
  type: "ordering.order-expired",
  topic: Topics.orderingOrders,
  version: 1,
  data: z.object(OrderRef),
});

/** Ordering → notification: paid, but the seats could not be confirmed; the payment is refunded. */
export const OrderFailed = defineEvent({
  type: "ordering.order-failed",
  topic: Topics.orderingOrders,
  version: 1,
  data: z.object({ ...OrderRef, reason: z.string().min(1) }),
});

/**
 * Ordering → payment: give back money an order paid. Ordering decides what is owed (the organizer's
 * choice of seats, the customer's cancellation minus the fee, or everything when the event was
 * cancelled); payment refunds it once per `requestId`, never above what was paid, and answers with
 * payment-refunded. `amountCents` null: everything not refunded yet.
 */
export const RefundRequested = defineEvent({
  type: "ordering.refund-requested",
  topic: Topics.orderingOrders,
  version: 1,
  data: z.object({
    requestId: z.uuid(),
    ...OrderRef,
    amountCents: Cents.positive().nullable(),
    currency: Currency,
    kind: RefundKind,
    reason: z.string().min(1),
    /** Who asked: an organizer's or customer's user id, or `system` for a cancelled event. */
    requestedBy: z.string().min(1),
    seatIds: z.array(z.uuid()),
    seatsTo: RefundedSeatsTo,
  }),
});

export const orderingEvents = [
  OrderPlaced,
  OrderConfirmed,
  OrderCancelled,
  OrderExpired,
  OrderFailed,
  RefundRequested,
] as const;
