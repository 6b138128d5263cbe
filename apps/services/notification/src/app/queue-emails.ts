import { randomUUID } from "node:crypto";
import type { EventLog } from "@marquee/events/log";
import type { EventOfType } from "@marquee/events/registry";
import {
  findEventNameOfOrder,
  findOrderContact,
  insertDeliveryOnce,
  insertRefundAwaitingAddress,
  isVerifiedAddress,
  upsertOrderContact,
  upsertVerifiedAccount,
  type SqlTx,
} from "../adapters/db/delivery-store";
import { dedupeKeyOf, type DeliveryPayload } from "../domain/delivery";

type OrderEvent = EventOfType<
  | "ordering.order-placed"
  | "ordering.order-confirmed"
  | "ordering.order-cancelled"
  | "ordering.order-expired"
  | "ordering.order-failed"
>;

/** Remembers whom to write to about an order; payment's events do not carry an address. */
export const recordOrderContact = (tx: SqlTx, { data }: OrderEvent): Promise<void> =>
  upsertOrderContact(tx, {
    orderId: data.orderId,
    customerId: data.customerId,
    email: data.email,
    eventId: data.eventId,
  });

const queue = async (
  tx: SqlTx,
  log: EventLog,
  d: { orderId: string | null; customerId: string; to: string; payload: DeliveryPayload },
): Promise<boolean> => {
  const dedupeKey = dedupeKeyOf(d.payload);
  const queued = await insertDeliveryOnce(tx, {
    id: randomUUID(),
    dedupeKey,
    orderId: d.orderId,
    customerId: d.customerId,
    kind: d.payload.kind,
    toAddress: d.to,
    payload: d.payload,
  });
  log.info(
    { orderId: d.orderId, kind: d.payload.kind, queued },
    queued ? "email queued" : "email already queued",
  );
  return queued;
};

/**
 * The one email of an order's tickets. Queued in the consumer's transaction with its processed
 * mark; a re-sent tickets-issued (new envelope id, same order) meets the unique dedupe key.
 */
export const queueTicketsEmail = (
  tx: SqlTx,
  { data }: EventOfType<"fulfillment.tickets-issued">,
  log: EventLog,
): Promise<boolean> =>
  queue(tx, log, {
    orderId: data.orderId,
    customerId: data.customerId,
    to: data.email,
    payload: {
      kind: "tickets",
      orderId: data.orderId,
      event: data.event ?? null,
      tickets: data.tickets.map(({ ticketId, section, row, number, code, shortCode }) => ({
        ticketId,
        section,
        row,
        number,
        code,
        ...(shortCode ? { shortCode } : {}),
      })),
    },
  });

/** Past this age an expired-holds notice is noise (a consumer catching up on old history). */
export const HOLDS_EXPIRED_MAX_AGE_MS = 60 * 60_000;

/**
 * The holds of an open cart expired: tell the customer their seats went back on sale, unless the
 * expiry is over an hour old by now, or the address never proved itself. Only accounts that
 * followed their verification link are told: a guest (or an unverified account) can type anyone's
 * address, and a hold left to expire must not make Marquee mail a stranger. Tickets and refunds
 * are always told, however late: paying proved the address.
 */
export const queueHoldsExpiredEmail = async (
  tx: SqlTx,
  event: EventOfType<"ordering.order-expired">,
  log: EventLog,
  now: () => Date = () => new Date(),
): Promise<boolean> => {
  await recordOrderContact(tx, event);
  const { data } = event;
  const ageMs = now().getTime() - new Date(event.occurredAt).getTime();
  if (ageMs > HOLDS_EXPIRED_MAX_AGE_MS) {
    log.info({ orderId: data.orderId, ageMs }, "expired-holds notice too old to send; skipped");
    return false;
  }
  if (!(await isVerifiedAddress(tx, data.customerId, data.email))) {
    log.info({ orderId: data.orderId }, "expired-holds notice skipped: address not verified");
    return false;
  }
  return queue(tx, log, {
    orderId: data.orderId,
    customerId: data.customerId,
    to: data.email,
    payload: { kind: "holds-expired", orderId: data.orderId, eventId: data.eventId },
  });
};

/**
 * A refund, told to the order's customer. payment-refunded carries no address: it comes from the
 * order contact, which ordering's events bring on another topic. Until they have, the email waits
 * in `refund_awaiting_address` (the delivery worker queues it once the address is known) rather
 * than in this consumer: retrying the event in place would hold up every refund behind it.
 * Returns whether this call queued or kept it.
 */
export const queueRefundEmail = async (
  tx: SqlTx,
  event: EventOfType<"payment.payment-refunded">,
  log: EventLog,
): Promise<boolean> => {
  const { data } = event;
  const eventName = await findEventNameOfOrder(tx, data.orderId);
  const payload: DeliveryPayload = {
    kind: "refund",
    orderId: data.orderId,
    refundId: data.refundId,
    amountCents: data.amountCents,
    currency: data.currency,
    reason: data.reason,
    refundKind: data.kind,
    ...(eventName ? { eventName } : {}),
  };
  const contact = await findOrderContact(tx, data.orderId);
  if (contact) {
    return queue(tx, log, {
      orderId: data.orderId,
      customerId: data.customerId,
      to: contact.email,
      payload,
    });
  }
  const kept = await insertRefundAwaitingAddress(tx, {
    dedupeKey: dedupeKeyOf(payload),
    orderId: data.orderId,
    customerId: data.customerId,
    payload,
  });
  log.info(
    { orderId: data.orderId, kind: payload.kind, kept },
    "refund email waits for the order's address",
  );
  return kept;
};

/**
 * A new account's verification link. The token came from identity in the event; the link points at
 * the storefront, whose `/verify-email` page hands it back to identity.
 */
export const queueVerificationEmail = (
  tx: SqlTx,
  { data }: EventOfType<"identity.verification-requested">,
  log: EventLog,
  webUrl: string,
): Promise<boolean> => {
  const link = new URL("/verify-email", webUrl);
  link.searchParams.set("token", data.token);
  return queue(tx, log, {
    orderId: null,
    customerId: data.userId,
    to: data.email,
    payload: {
      kind: "email-verification",
      userId: data.userId,
      displayName: data.displayName,
      link: link.toString(),
      expiresAt: data.expiresAt,
    },
  });
};

/**
 * Tells an address's owner that someone tried to register it again; the link points at the
 * storefront's sign-in page.
 */
export const queueRegistrationAttemptedEmail = (
  tx: SqlTx,
  { data }: EventOfType<"identity.registration-attempted">,
  log: EventLog,
  webUrl: string,
): Promise<boolean> =>
  queue(tx, log, {
    orderId: null,
    customerId: data.userId,
    to: data.email,
    payload: {
      kind: "registration-attempted",
      userId: data.userId,
      displayName: data.displayName,
      signInLink: new URL("/sign-in", webUrl).toString(),
      attemptedAt: data.attemptedAt,
    },
  });

/**
 * An organizer's invitation of door staff. A new invitee's link goes to the storefront's
 * acceptance page with the invitation's token; an existing staff account is pointed at sign-in.
 * Keyed by the invitation, so a re-sent event is one email.
 */
export const queueStaffInvitationEmail = (
  tx: SqlTx,
  { data }: EventOfType<"identity.staff-invited">,
  log: EventLog,
  webUrl: string,
): Promise<boolean> => {
  const link = new URL(data.token === null ? "/sign-in" : "/staff-invitation", webUrl);
  if (data.token !== null) link.searchParams.set("token", data.token);
  else link.searchParams.set("callbackUrl", "/organizer/check-in");
  return queue(tx, log, {
    orderId: null,
    customerId: data.invitationId,
    to: data.email,
    payload: {
      kind: "staff-invitation",
      invitationId: data.invitationId,
      eventNames: data.events.map((event) => event.name),
      invitedByName: data.invitedByName,
      link: link.toString(),
      accountExists: data.token === null,
      expiresAt: data.expiresAt,
    },
  });
};

/** Remembers that an account proved its address, for the notices only such addresses get. */
export const recordVerifiedAccount = (
  tx: SqlTx,
  { data }: EventOfType<"identity.email-verified">,
): Promise<void> => upsertVerifiedAccount(tx, data);

/**
 * The one email of a waiting-list offer: the seats held, until when, and the event page's link that
 * puts the hold in the customer's cart. Queued for any address: only accounts can join the list,
 * and the entry's email is the one its customer joined with.
 */
export const queueWaitingListOfferEmail = (
  tx: SqlTx,
  { data }: EventOfType<"inventory.waiting-list-offered">,
  log: EventLog,
  webUrl: string,
): Promise<boolean> => {
  const link = new URL(`/events/${data.eventId}`, webUrl);
  link.searchParams.set("offer", data.reservationId);
  return queue(tx, log, {
    orderId: null,
    customerId: data.customerId,
    to: data.email,
    payload: {
      kind: "waiting-list-offer",
      entryId: data.entryId,
      eventId: data.eventId,
      reservationId: data.reservationId,
      seats: data.seats.map(({ section, row, number, priceCents }) => ({
        section,
        row,
        number,
        priceCents,
      })),
      currency: data.currency,
      expiresAt: data.expiresAt,
      link: link.toString(),
    },
  });
};
