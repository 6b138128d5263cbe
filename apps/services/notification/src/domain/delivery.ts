import { z } from "zod";

/**
 * Why an email is sent: its tickets, a refund, holds that ran out with the cart still open, the
 * link a new account follows to prove its address, or a sign-up tried with an address that has an
 * account already.
 */
export const DeliveryKind = z.enum([
  "tickets",
  "refund",
  "holds-expired",
  "email-verification",
  "registration-attempted",
  "staff-invitation",
  "ticket-sent",
  "ticket-received",
  "waiting-list-offer",
]);
export type DeliveryKind = z.infer<typeof DeliveryKind>;

export const DeliveryStatus = z.enum(["pending", "sent", "failed"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** What the tickets email prints about the event (from tickets-issued). */
export const TicketedEvent = z.object({
  name: z.string(),
  venueName: z.string(),
  startsAt: z.string(),
  timeZone: z.string(),
});
export type TicketedEvent = z.infer<typeof TicketedEvent>;

/**
 * Everything an email needs, fixed when its event arrived and stored with the delivery, so the
 * sender renders it without asking anyone (and a retry renders the same email).
 */
export const DeliveryPayload = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("tickets"),
    orderId: z.string(),
    event: TicketedEvent.nullable(),
    tickets: z
      .array(
        z.object({
          ticketId: z.string(),
          section: z.string(),
          row: z.string(),
          number: z.number(),
          code: z.string(),
          /** Absent in tickets emails queued before short codes. */
          shortCode: z.string().optional(),
        }),
      )
      .min(1),
  }),
  z.object({
    kind: z.literal("refund"),
    orderId: z.string(),
    refundId: z.string(),
    amountCents: z.number().int(),
    currency: z.string(),
    reason: z.string(),
    /** payment-refunded's kind; absent in refund emails queued before there were several kinds. */
    refundKind: z
      .enum(["seats-unavailable", "event-cancelled", "organizer", "customer"])
      .optional(),
    /** The event's name, when the order's tickets email told notification. */
    eventName: z.string().optional(),
  }),
  z.object({ kind: z.literal("holds-expired"), orderId: z.string(), eventId: z.string() }),
  z.object({
    kind: z.literal("email-verification"),
    userId: z.string(),
    displayName: z.string(),
    /** The storefront's `/verify-email?token=…` link (the token is good for this purpose only). */
    link: z.string(),
    expiresAt: z.string(),
  }),
  z.object({
    kind: z.literal("registration-attempted"),
    userId: z.string(),
    displayName: z.string(),
    /** The storefront's sign-in page. */
    signInLink: z.string(),
    attemptedAt: z.string(),
  }),
  z.object({
    kind: z.literal("staff-invitation"),
    invitationId: z.string(),
    eventNames: z.array(z.string()).min(1),
    invitedByName: z.string(),
    /**
     * The storefront's acceptance page with the invitation's token, or its sign-in page when the
     * address already has a staff account (the events were added to it).
     */
    link: z.string(),
    accountExists: z.boolean(),
    expiresAt: z.string().nullable(),
  }),
  z.object({
    /** To the sender of a transferred ticket: whom it went to; their old codes are void. */
    kind: z.literal("ticket-sent"),
    /** The seat's new ticket: one transfer, one email of each kind. */
    ticketId: z.string(),
    toEmail: z.string(),
    event: TicketedEvent.nullable(),
    seat: z.object({ section: z.string(), row: z.string(), number: z.number() }),
  }),
  z.object({
    /** To the recipient of a transferred ticket: the ticket itself, and how to find it later. */
    kind: z.literal("ticket-received"),
    orderId: z.string(),
    toEmail: z.string(),
    from: z.string(),
    event: TicketedEvent.nullable(),
    ticket: z.object({
      ticketId: z.string(),
      section: z.string(),
      row: z.string(),
      number: z.number(),
      code: z.string(),
      shortCode: z.string(),
    }),
    /** The storefront's sign-in (then My tickets) and sign-up pages. */
    signInLink: z.string(),
    signUpLink: z.string(),
  }),
  z.object({
    /** Seats that came back, held for a customer on the event's waiting list until `expiresAt`. */
    kind: z.literal("waiting-list-offer"),
    entryId: z.string(),
    eventId: z.string(),
    reservationId: z.string(),
    seats: z
      .array(
        z.object({
          section: z.string(),
          row: z.string(),
          number: z.number(),
          priceCents: z.number(),
        }),
      )
      .min(1),
    currency: z.string(),
    expiresAt: z.string(),
    /** The event page with `?offer=<reservationId>`, which puts the held seats in the cart. */
    link: z.string(),
  }),
]);
export type DeliveryPayload = z.infer<typeof DeliveryPayload>;

/** One email per reason: the unique key that redelivered and re-sent events collide on. */
export const dedupeKeyOf = (payload: DeliveryPayload): string => {
  switch (payload.kind) {
    case "tickets":
      return `tickets:${payload.orderId}`;
    case "refund":
      // A cancelled event refunds each order once; keyed by order, so however that refund is
      // announced, its buyer gets one cancellation email.
      return payload.refundKind === "event-cancelled"
        ? `event-cancelled:${payload.orderId}`
        : `refund:${payload.refundId}`;
    case "holds-expired":
      return `holds-expired:${payload.orderId}`;
    case "email-verification":
      return `email-verification:${payload.userId}:${payload.expiresAt}`;
    // At most one a day: repeated sign-ups with someone's address must not flood their inbox.
    case "registration-attempted":
      return `registration-attempted:${payload.userId}:${payload.attemptedAt.slice(0, 10)}`;
    case "staff-invitation":
      return `staff-invitation:${payload.invitationId}`;
    case "ticket-sent":
      return `ticket-sent:${payload.ticketId}`;
    case "ticket-received":
      return `ticket-received:${payload.ticket.ticketId}`;
    // One email per offer: an entry is offered one hold, and each hold is one offer.
    case "waiting-list-offer":
      return `waiting-list-offer:${payload.reservationId}`;
  }
};
