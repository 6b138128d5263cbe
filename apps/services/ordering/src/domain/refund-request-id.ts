import { createHash } from "node:crypto";

/**
 * The id of the one refund an event's cancellation asks for per order: derived from the order, so
 * the cancellation applied again (redelivered, or catalog announcing it twice) finds the request
 * it made instead of asking a second time. Shaped as a UUID (version 5 bits) since it travels as
 * one.
 */
export const eventCancelledRequestId = (orderId: string): string =>
  uuidFromName(`event-cancelled:${orderId}`);

/**
 * The id of a buyer's cancellation: derived from the order and the idempotency key the buyer's
 * page sends, so the same cancellation sent twice asks payment once.
 */
export const customerCancelRequestId = (orderId: string, idempotencyKey: string): string =>
  uuidFromName(`customer-cancel:${orderId}:${idempotencyKey}`);

const uuidFromName = (name: string): string => {
  const hex = createHash("sha256").update(name).digest("hex").slice(0, 32);
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join("-");
};
