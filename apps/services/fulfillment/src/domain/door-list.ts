import { createHash, pbkdf2 } from "node:crypto";
import { promisify } from "node:util";

const pbkdf2Async = promisify(pbkdf2);

/**
 * How a door list keeps codes: never the codes themselves, only what a device can compare a scanned
 * code with. A QR's text carries our HMAC (unguessable), so its SHA-256 is enough. A short code has
 * 45 random bits: a plain hash could be reversed by trying every code, so it goes through
 * PBKDF2-SHA256, salted with the list (an entry of one list says nothing about another) and slow
 * enough that trying 2^45 codes costs ~10^17 hashes, while the device hashes one code per scan.
 */
export const DOOR_LIST_FORMAT = "marquee-door-list/1";
export const SHORT_CODE_HASH_ITERATIONS = 1_000;

export const shortCodeSalt = (listId: string): string => `marquee-door-list:${listId}`;

/** The list entry of a short code (as stored: 10 characters, no hyphen), base64url. */
export const shortCodeEntry = async (listId: string, shortCode: string): Promise<string> =>
  (
    await pbkdf2Async(shortCode, shortCodeSalt(listId), SHORT_CODE_HASH_ITERATIONS, 32, "sha256")
  ).toString("base64url");

/** The list entry of a QR payload (the ticket's signed code as printed), base64url. */
export const qrEntry = (code: string): string =>
  createHash("sha256").update(code, "utf8").digest("base64url");

/** One admissible ticket of a door list. */
export type DoorListTicket = {
  shortCodeHash: string;
  qrHash: string;
  section: string;
  row: string;
  number: number;
  /** ISO instant when it came in (on any list), or null while it is out. */
  checkedInAt: string | null;
};

/** What fulfillment signs: everything a device needs to check this list's tickets offline. */
export type DoorListPayload = {
  format: typeof DOOR_LIST_FORMAT;
  listId: string;
  listName: string;
  eventId: string;
  eventName: string;
  /** The event's zone, to show times as the door's clock reads them. */
  timeZone: string;
  /** The sections that enter here; empty: every section. */
  sections: string[];
  /** ISO instant the list was made. */
  issuedAt: string;
  hashes: {
    shortCode: { algorithm: "PBKDF2-SHA256"; iterations: number; salt: string };
    qr: { algorithm: "SHA-256" };
  };
  /** The valid tickets of the event in the list's sections (none when the event was cancelled). */
  tickets: DoorListTicket[];
};

/** The key by which a synced scan is remembered: sha256 of the code as read. */
export const scanCodeHash = (code: string): string =>
  createHash("sha256").update(code, "utf8").digest("hex");
