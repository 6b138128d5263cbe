// What a check-in desk keeps in the browser to work offline (localStorage: it survives a reload
// and a restart of the browser): this device's id, the last signed list downloaded for each
// check-in list with the key it verified with, and the scans made offline until they are synced.
import type { DoorListPublicKey, SignedDoorList, SyncedScan } from "../server/door-shapes";

const DEVICE_KEY = "marquee.door.device";
const listKey = (listId: string) => `marquee.door.list.${listId}`;
const scansKey = (listId: string) => `marquee.door.scans.${listId}`;

/** A list as downloaded: still signed (verified again whenever it is read back). */
export type StoredDoorList = {
  signed: SignedDoorList;
  key: DoorListPublicKey;
  /** ISO instant of the download. */
  downloadedAt: string;
};

/** A scan this device admitted offline; `synced` once fulfillment has it, with its answer. */
export type OfflineScan = {
  code: string;
  /** ISO instant. */
  scannedAt: string;
  /** The ticket's entry in the list (its QR hash), whichever way it was scanned. */
  ticket: string;
  seat: { section: string; row: string; number: number };
  synced: Pick<SyncedScan, "outcome" | "message"> | null;
};

const read = <T>(key: string): T | null => {
  try {
    const text = window.localStorage.getItem(key);
    return text === null ? null : (JSON.parse(text) as T);
  } catch {
    return null;
  }
};

const write = (key: string, value: unknown): void => {
  window.localStorage.setItem(key, JSON.stringify(value));
};

/** This browser's device id for syncing scans: random, made once. */
export const deviceId = (): string => {
  const known = read<string>(DEVICE_KEY);
  if (known) return known;
  const fresh = crypto.randomUUID();
  write(DEVICE_KEY, fresh);
  return fresh;
};

export const readStoredList = (listId: string): StoredDoorList | null =>
  read<StoredDoorList>(listKey(listId));

export const storeList = (listId: string, list: StoredDoorList): void =>
  write(listKey(listId), list);

export const readOfflineScans = (listId: string): OfflineScan[] =>
  read<OfflineScan[]>(scansKey(listId)) ?? [];

export const storeOfflineScans = (listId: string, scans: OfflineScan[]): void =>
  write(scansKey(listId), scans);
