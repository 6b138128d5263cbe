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
]);
export type DeliveryPayload = z.infer<typeof DeliveryPayload>;

/** One email per reason: the unique key that redelivered and re-sent events collide on. */
export const dedupeKeyOf = (payload: DeliveryPayload): string => {
  switch (payload.kind) {
    case "tickets":
      return `tickets:${payload.orderId}`;
    case "refund":
      return `refund:${payload.refundId}`;
    case "holds-expired":
      return `holds-expired:${payload.orderId}`;
    case "email-verification":
      return `email-verification:${payload.userId}:${payload.expiresAt}`;
    // At most one a day: repeated sign-ups with someone's address must not flood their inbox.
    case "registration-attempted":
      return `registration-attempted:${payload.userId}:${payload.attemptedAt.slice(0, 10)}`;
  }
};
