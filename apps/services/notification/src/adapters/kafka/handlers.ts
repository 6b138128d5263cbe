import { ignore, type HandlerMap } from "@marquee/events/consumer";
import {
  queueHoldsExpiredEmail,
  queueRefundEmail,
  queueRegistrationAttemptedEmail,
  queueStaffInvitationEmail,
  queueTicketsEmail,
  queueVerificationEmail,
  queueWaitingListOfferEmail,
  recordOrderContact,
  recordVerifiedAccount,
} from "../../app/queue-emails";
import { queueTicketTransferEmails } from "../../app/queue-ticket-transfer-emails";

/**
 * Consumer group `notification.accounts`: the verification email, which accounts proved their
 * address, the owner's notice of a sign-up tried with their address, and door staff invitations. Links point at the
 * storefront (`webUrl`).
 */
export const createIdentityHandlers = (opts: {
  webUrl: string;
}): HandlerMap<"identity.accounts"> => ({
  "identity.verification-requested": async (event, { tx, log }) => {
    await queueVerificationEmail(tx, event, log, opts.webUrl);
  },
  "identity.email-verified": (event, { tx }) => recordVerifiedAccount(tx, event),
  "identity.registration-attempted": async (event, { tx, log }) => {
    await queueRegistrationAttemptedEmail(tx, event, log, opts.webUrl);
  },
  "identity.staff-invited": async (event, { tx, log }) => {
    await queueStaffInvitationEmail(tx, event, log, opts.webUrl);
  },
});

/**
 * Consumer group `notification.tickets`: the one email with an order's tickets, and the two of a
 * ticket transfer (links point at the storefront, `webUrl`).
 */
export const createFulfillmentHandlers = (opts: {
  webUrl: string;
}): HandlerMap<"fulfillment.tickets"> => ({
  "fulfillment.tickets-issued": async (event, { tx, log }) => {
    await queueTicketsEmail(tx, event, log);
  },
  "fulfillment.ticket-transferred": async (event, { tx, log }) => {
    await queueTicketTransferEmails(tx, event, log, opts.webUrl);
  },
  // A scan at the door, or one taken back, is not worth an email.
  "fulfillment.ticket-checked-in": ignore,
  "fulfillment.ticket-check-in-undone": ignore,
});

/** Consumer group `notification.orders`: whom to write to, and the expired-holds email. */
export const orderingHandlers: HandlerMap<"ordering.orders"> = {
  "ordering.order-placed": (event, { tx }) => recordOrderContact(tx, event),
  "ordering.order-confirmed": (event, { tx }) => recordOrderContact(tx, event),
  "ordering.order-cancelled": (event, { tx }) => recordOrderContact(tx, event),
  // The customer's own cancellation needs no email; expiry happens behind their back and does.
  "ordering.order-expired": async (event, { tx, log }) => {
    await queueHoldsExpiredEmail(tx, event, log);
  },
  // The refund that follows (payment-refunded) is the email for this case.
  "ordering.order-failed": (event, { tx }) => recordOrderContact(tx, event),
  // The refund it asks for is announced by payment (payment-refunded); that is the email.
  "ordering.refund-requested": ignore,
};

/** Consumer group `notification.payments`: refunds. */
export const paymentHandlers: HandlerMap<"payment.payments"> = {
  "payment.payment-refunded": async (event, { tx, log }) => {
    await queueRefundEmail(tx, event, log);
  },
  // The tickets email is the confirmation of a successful payment; a declined card is shown
  // on the checkout page, where the customer still is.
  "payment.payment-succeeded": ignore,
  "payment.payment-failed": ignore,
  // Nobody was told a refund was coming (the refund email follows payment-refunded); the
  // organizer and the customer see the refusal on the order.
  "payment.refund-refused": ignore,
};

/**
 * Consumer group `notification.reservations`: the email of a waiting-list offer, with a link to the
 * storefront (`webUrl`). Every other hold event is ignored without a transaction, so the on-sale's
 * stream of holds costs this consumer no database work.
 */
export const createInventoryHandlers = (opts: {
  webUrl: string;
}): HandlerMap<"inventory.reservations"> => ({
  "inventory.waiting-list-offered": async (event, { tx, log }) => {
    await queueWaitingListOfferEmail(tx, event, log, opts.webUrl);
  },
  // Holds come and go on the customer's screen; the cart (ordering's order-expired) says when
  // held seats were lost, and the tickets email when they were sold.
  "inventory.reservation-created": ignore,
  "inventory.reservation-released": ignore,
  "inventory.reservation-expired": ignore,
  "inventory.reservation-extended": ignore,
  "inventory.reservation-confirmed": ignore,
  // Payment refunds it, and its payment-refunded is the email.
  "inventory.reservation-confirmation-failed": ignore,
  "inventory.seats-returned": ignore,
});
