import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A ticket code is what the QR carries and what the door scans: the ticket id and the event id,
 * with an HMAC-SHA256 over both. Anyone holding the signing key can tell a genuine code from a
 * forged or altered one without a database; the ticket id (a random UUID) makes it unguessable.
 *
 * Format: `MQ1.<base64url(ticket id bytes ‖ event id bytes)>.<base64url(first 16 bytes of the MAC)>`
 */
export type TicketClaims = { ticketId: string; eventId: string };

const PREFIX = "MQ1";
const MAC_BYTES = 16;
// Longer input is not a code; refuse it before doing any work.
const MAX_CODE_LENGTH = 128;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uuidToBytes = (uuid: string): Buffer => {
  const lower = uuid.toLowerCase();
  if (!UUID.test(lower)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(lower.replaceAll("-", ""), "hex");
};

const bytesToUuid = (bytes: Buffer): string => {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const macOf = (key: string, body: Buffer): Buffer =>
  createHmac("sha256", key).update(`${PREFIX}.`).update(body).digest().subarray(0, MAC_BYTES);

/** Signs a ticket: the code to print in its QR and store with it. */
export const signTicketCode = (key: string, claims: TicketClaims): string => {
  const body = Buffer.concat([uuidToBytes(claims.ticketId), uuidToBytes(claims.eventId)]);
  return `${PREFIX}.${body.toString("base64url")}.${macOf(key, body).toString("base64url")}`;
};

/** The ticket and event a code names, or null when it is malformed, forged or altered. */
export const verifyTicketCode = (key: string, code: string): TicketClaims | null => {
  if (code.length > MAX_CODE_LENGTH) return null;
  const parts = code.trim().split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX) return null;
  const [, bodyText = "", macText = ""] = parts;
  const body = Buffer.from(bodyText, "base64url");
  const mac = Buffer.from(macText, "base64url");
  // Re-encoding must give back the text: rejects padding tricks and non-canonical spellings.
  if (body.length !== 32 || body.toString("base64url") !== bodyText) return null;
  if (mac.length !== MAC_BYTES || mac.toString("base64url") !== macText) return null;
  if (!timingSafeEqual(mac, macOf(key, body))) return null;
  return { ticketId: bytesToUuid(body.subarray(0, 16)), eventId: bytesToUuid(body.subarray(16)) };
};
