import { z } from "zod";
import { defineEvent } from "../define-event";
import { Cents, Currency } from "../envelope";
import { Topics } from "../topics";

const HeldSeat = z.object({
  seatId: z.uuid(),
  section: z.string().min(1),
  row: z.string().min(1),
  number: z.number().int().positive(),
  priceCents: Cents,
});

const ReservationRef = {
  reservationId: z.uuid(),
  eventId: z.uuid(),
  customerId: z.string().min(1),
  seatIds: z.array(z.uuid()).min(1),
};

/** Inventory → catalog (seat map), ordering (cart): seats are held for a customer until expiresAt. */
export const ReservationCreated = defineEvent({
  type: "inventory.reservation-created",
  topic: Topics.inventoryReservations,
  version: 1,
  data: z.object({
    reservationId: z.uuid(),
    eventId: z.uuid(),
    customerId: z.string().min(1),
    seats: z.array(HeldSeat).min(1),
    currency: Currency,
    expiresAt: z.iso.datetime({ offset: true }),
  }),
});

/** Inventory → catalog, ordering: a hold was given up before it expired (customer or order cancelled). */
export const ReservationReleased = defineEvent({
  type: "inventory.reservation-released",
  topic: Topics.inventoryReservations,
  version: 1,
  data: z.object({ ...ReservationRef, reason: z.enum(["customer", "order-cancelled"]) }),
});

/** Inventory → catalog, ordering, notification: a hold ran out and its seats are free again. */
export const ReservationExpired = defineEvent({
  type: "inventory.reservation-expired",
  topic: Topics.inventoryReservations,
  version: 1,
  data: z.object(ReservationRef),
});

/**
 * Inventory → ordering (cart): the customer extended a hold, once, as the event allows; it now
 * lasts until expiresAt. Its seats stay held (catalog's seat map has nothing to change).
 */
export const ReservationExtended = defineEvent({
  type: "inventory.reservation-extended",
  topic: Topics.inventoryReservations,
  version: 1,
  data: z.object({ ...ReservationRef, expiresAt: z.iso.datetime({ offset: true }) }),
});

/** Inventory → catalog, ordering: paid seats are sold to the order. */
export const ReservationConfirmed = defineEvent({
  type: "inventory.reservation-confirmed",
  topic: Topics.inventoryReservations,
  version: 1,
  data: z.object({ ...ReservationRef, orderId: z.uuid() }),
});

/** Inventory → ordering, payment: paid seats could not be sold (the hold expired and the seat is gone). */
export const ReservationConfirmationFailed = defineEvent({
  type: "inventory.reservation-confirmation-failed",
  topic: Topics.inventoryReservations,
  version: 1,
  data: z.object({
    ...ReservationRef,
    orderId: z.uuid(),
    unavailableSeatIds: z.array(z.uuid()).min(1),
    reason: z.string().min(1),
  }),
});

/**
 * Inventory → catalog (seat map): seats sold to an order were refunded and the organizer put them
 * back on sale; they are available again. Keyed by eventId, like the holds that may take them next.
 * One per sale (reservation) the seats came from.
 */
export const SeatsReturned = defineEvent({
  type: "inventory.seats-returned",
  topic: Topics.inventoryReservations,
  version: 1,
  data: z.object({
    eventId: z.uuid(),
    orderId: z.uuid(),
    reservationId: z.uuid(),
    seatIds: z.array(z.uuid()).min(1),
  }),
});

/**
 * Inventory → notification (the offer email), ordering and catalog (nothing: the hold's own
 * reservation-created puts it on the seat map and makes it cartable): seats that came back were
 * held for the first customer in line on an event's waiting list, until expiresAt. Not bought by
 * then, the offer lapses and the seats go to the next in line.
 */
export const WaitingListOffered = defineEvent({
  type: "inventory.waiting-list-offered",
  topic: Topics.inventoryReservations,
  version: 1,
  data: z.object({
    entryId: z.uuid(),
    eventId: z.uuid(),
    customerId: z.string().min(1),
    email: z.email(),
    reservationId: z.uuid(),
    seats: z.array(HeldSeat).min(1),
    currency: Currency,
    expiresAt: z.iso.datetime({ offset: true }),
  }),
});

export const inventoryEvents = [
  ReservationCreated,
  ReservationReleased,
  ReservationExpired,
  ReservationExtended,
  ReservationConfirmed,
  ReservationConfirmationFailed,
  SeatsReturned,
  WaitingListOffered,
] as const;
