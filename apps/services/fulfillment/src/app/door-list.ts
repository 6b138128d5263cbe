import { listAdmissibleTickets } from "../adapters/db/offline-scan-store";
import { findEvent } from "../adapters/db/ticket-store";
import {
  DOOR_LIST_FORMAT,
  qrEntry,
  shortCodeEntry,
  shortCodeSalt,
  SHORT_CODE_HASH_ITERATIONS,
  type DoorListPayload,
} from "../domain/door-list";
import type { FulfillmentDeps } from "./deps";
import { getCheckInList } from "./list-check-in-lists";

// A desk downloads its list again every minute or so, and the short codes' entries are slow to
// make on purpose: keep the ones made (they never change for a list and a code). Cleared whole
// when it grows past a stadium's worth of a few lists.
const MAX_KEPT_ENTRIES = 200_000;
const keptEntries = new Map<string, string>();

const shortCodeEntryOf = async (listId: string, shortCode: string): Promise<string> => {
  const key = `${listId}:${shortCode}`;
  const kept = keptEntries.get(key);
  if (kept) return kept;
  const entry = await shortCodeEntry(listId, shortCode);
  if (keptEntries.size >= MAX_KEPT_ENTRIES) keptEntries.clear();
  keptEntries.set(key, entry);
  return entry;
};

/**
 * A door list as a device downloads it: the payload exactly as signed (JSON text, parsed only
 * after the signature verifies) and its ES256 signature by the key `keyId` names.
 */
export type SignedDoorList = { payload: string; signature: string; keyId: string };

/**
 * The signed list of one check-in list's admissible tickets, for a desk that goes offline: per
 * ticket the hashes of its short code and QR text (see `domain/door-list.ts`), its seat and whether
 * it is in. Null for a list that does not exist.
 */
export const buildDoorList = async (
  deps: FulfillmentDeps,
  listId: string,
): Promise<SignedDoorList | null> => {
  const list = await getCheckInList(deps, listId);
  if (!list) return null;
  const [event, tickets] = await Promise.all([
    findEvent(deps.db, list.eventId),
    listAdmissibleTickets(deps.db, list),
  ]);
  const payload: DoorListPayload = {
    format: DOOR_LIST_FORMAT,
    listId: list.id,
    listName: list.name,
    eventId: list.eventId,
    eventName: list.eventName,
    timeZone: event?.timeZone ?? "UTC",
    sections: list.sections,
    issuedAt: (deps.now?.() ?? new Date()).toISOString(),
    hashes: {
      shortCode: {
        algorithm: "PBKDF2-SHA256",
        iterations: SHORT_CODE_HASH_ITERATIONS,
        salt: shortCodeSalt(list.id),
      },
      qr: { algorithm: "SHA-256" },
    },
    tickets: await Promise.all(
      tickets.map(async (ticket) => ({
        shortCodeHash: await shortCodeEntryOf(list.id, ticket.shortCode),
        qrHash: qrEntry(ticket.code),
        section: ticket.section,
        row: ticket.row,
        number: ticket.number,
        checkedInAt: ticket.checkedInAt?.toISOString() ?? null,
      })),
    ),
  };
  const text = JSON.stringify(payload);
  return {
    payload: text,
    signature: deps.doorListKey.sign(text),
    keyId: deps.doorListKey.publicKey.kid,
  };
};
