"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import {
  findDoorListTicket,
  verifyDoorList,
  type DoorListPayload,
} from "../../../lib/door-offline-list";
import {
  deviceId,
  readOfflineScans,
  readStoredList,
  storeList,
  storeOfflineScans,
  type OfflineScan,
} from "../../../lib/door-offline-store";
import { keepDeskOffline, type DeskKept } from "../../../lib/door-service-worker";
import { trpc } from "../../../lib/trpc";
import type { SyncedScan } from "../../../server/door-shapes";
import { seatLabel } from "@marquee/tickets/seat-label";

// While online the desk downloads its list again now and then, so what it knows of tickets that
// came in at other desks is at most this old when the network goes.
const REFRESH_LIST_MS = 60_000;
// A sync that failed (the network came back only halfway) is tried again after this long.
const RETRY_SYNC_MS = 10_000;

const subscribe = (onChange: () => void) => {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
};

/** Whether the browser says it has a network (server render: yes). */
export const useOnline = (): boolean =>
  useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );

/** HH:MM on a 24-hour clock, in the event's zone when given (else the device's). */
export const clockTime = (iso: string, timeZone?: string): string =>
  new Date(iso).toLocaleTimeString("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    ...(timeZone ? { timeZone } : {}),
  });

/** A scan checked against the downloaded list. */
export type OfflineCheck =
  { kind: "admitted"; seat: string; scannedAt: string } | { kind: "refused"; message: string };

export type OfflineDoor = {
  online: boolean;
  /** The verified list, or null while none was downloaded (or the stored one fails to verify). */
  list: DoorListPayload | null;
  /** ISO instant the list was downloaded. */
  downloadedAt: string | null;
  /** Whether the desk's page is stored for opening without a network (null: not known yet). */
  pageKept: DeskKept | null;
  /** Why the list could not be downloaded or trusted, if it could not. */
  listError: string | null;
  /** Scans made offline on this device, synced or not. */
  scans: OfflineScan[];
  syncing: boolean;
  syncError: string | null;
  /** The answers of the last sync (duplicates and refusals are shown to the staff). */
  lastSync: SyncedScan[] | null;
  /** Checks a code against the list and, when it admits, queues the scan for syncing. */
  check: (code: string) => Promise<OfflineCheck>;
};

/**
 * The desk's offline side for one check-in list: keeps the page (service worker) and the signed
 * list (downloaded while online, verified before use, stored in the browser), checks scans against
 * it while offline, and syncs them (`syncCheckIns`) as soon as the network is back.
 */
export function useOfflineDoor(listId: string | null): OfflineDoor {
  const online = useOnline();
  const utils = trpc.useUtils();
  const sync = trpc.door.syncCheckIns.useMutation();
  const [list, setList] = useState<DoorListPayload | null>(null);
  const [downloadedAt, setDownloadedAt] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [pageKept, setPageKept] = useState<DeskKept | null>(null);
  const [scans, setScans] = useState<OfflineScan[]>([]);
  const [syncError, setSyncError] = useState<string | null>(null);
  const [lastSync, setLastSync] = useState<SyncedScan[] | null>(null);
  const syncing = useRef(false);
  // Bumped to try a failed sync again; a failed sync waits for it rather than retrying at once.
  const [retry, setRetry] = useState(0);
  const failedAt = useRef<number | null>(null);

  // Another list (or none): start over; the effect below reads what this device kept for it.
  const [stateOf, setStateOf] = useState(listId);
  if (stateOf !== listId) {
    setStateOf(listId);
    setList(null);
    setDownloadedAt(null);
    setListError(null);
    setLastSync(null);
    setScans([]);
  }

  // What this device already has: the stored list (verified again) and its offline scans.
  useEffect(() => {
    if (!listId) return;
    // Device storage is read after hydration: the server's render has none, and the browser's
    // first render has to match it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setScans(readOfflineScans(listId));
    const stored = readStoredList(listId);
    if (!stored) return;
    let current = true;
    void verifyDoorList(stored.signed, stored.key, listId).then((payload) => {
      if (!current) return;
      if (!payload) {
        setListError("The list kept on this device does not verify; download it again online.");
        return;
      }
      setList(payload);
      setDownloadedAt(stored.downloadedAt);
    });
    return () => {
      current = false;
    };
  }, [listId]);

  const download = useCallback(async () => {
    if (!listId) return;
    try {
      const [signed, key] = await Promise.all([
        utils.door.offlineList.fetch({ listId }, { staleTime: 0 }),
        utils.door.offlineListKey.fetch(undefined, { staleTime: 0 }),
      ]);
      const payload = await verifyDoorList(signed, key, listId);
      if (!payload) {
        setListError("The downloaded list is not signed by Marquee; it is not used.");
        return;
      }
      const at = new Date().toISOString();
      storeList(listId, { signed, key, downloadedAt: at });
      setList(payload);
      setDownloadedAt(at);
      setListError(null);
    } catch (error) {
      setListError(
        `The list for working offline could not be downloaded: ${
          error instanceof Error ? error.message : "no answer"
        }`,
      );
    }
  }, [listId, utils]);

  // Online: keep the page, download the list now and again every little while.
  useEffect(() => {
    if (!online || !listId) return;
    void keepDeskOffline().then(setPageKept);
    // download() sets state only after its requests answer, never synchronously in the effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void download();
    const timer = setInterval(() => void download(), REFRESH_LIST_MS);
    return () => clearInterval(timer);
  }, [online, listId, download]);

  // Back online with scans to sync: send them (in the order made; fulfillment orders them too).
  const pending = scans.filter((scan) => scan.synced === null).length;
  useEffect(() => {
    if (!online || !listId || pending === 0 || syncing.current) return;
    if (failedAt.current !== null && failedAt.current === retry) return;
    syncing.current = true;
    const toSync = readOfflineScans(listId).filter((scan) => scan.synced === null);
    setSyncError(null);
    sync
      .mutateAsync({
        listId,
        deviceId: deviceId(),
        scans: toSync.map(({ code, scannedAt }) => ({ code, scannedAt })),
      })
      .then(async (answer) => {
        const all = readOfflineScans(listId).map((scan) => {
          const synced = answer.scans.find(
            (result) => result.code === scan.code && result.scannedAt === scan.scannedAt,
          );
          return synced
            ? { ...scan, synced: { outcome: synced.outcome, message: synced.message } }
            : scan;
        });
        storeOfflineScans(listId, all);
        failedAt.current = null;
        setScans(all);
        setLastSync(answer.scans);
        await Promise.all([
          utils.door.lists.invalidate({ eventId: answer.list.eventId }),
          utils.door.duplicates.invalidate({ eventId: answer.list.eventId }),
          download(),
        ]);
      })
      .catch((error: unknown) => {
        failedAt.current = retry;
        setTimeout(() => setRetry((n) => n + 1), RETRY_SYNC_MS);
        setSyncError(
          `Scans made offline are not synced yet: ${
            error instanceof Error ? error.message : "no answer"
          }. They are kept on this device and sent again.`,
        );
      })
      .finally(() => {
        syncing.current = false;
      });
  }, [online, listId, pending, retry, sync, utils, download]);

  const check = useCallback(
    async (code: string): Promise<OfflineCheck> => {
      if (!list || !listId) {
        return { kind: "refused", message: "No list on this device to check against offline." };
      }
      const ticket = await findDoorListTicket(list, code);
      if (!ticket) {
        return {
          kind: "refused",
          message:
            "Not on this desk's list: no valid ticket of this event and gate has this code (checked offline).",
        };
      }
      const seat = { section: ticket.section, row: ticket.row, number: ticket.number };
      if (ticket.checkedInAt) {
        return {
          kind: "refused",
          message: `Already checked in at ${clockTime(ticket.checkedInAt, list.timeZone)} (before the list was downloaded) — ${seatLabel(seat)}`,
        };
      }
      const known = readOfflineScans(listId);
      const earlier = known.find((scan) => scan.ticket === ticket.qrHash);
      if (earlier) {
        return {
          kind: "refused",
          message: `Already scanned on this device at ${clockTime(earlier.scannedAt, list.timeZone)} — ${seatLabel(seat)}`,
        };
      }
      const scannedAt = new Date().toISOString();
      const all = [
        ...known,
        { code: code.trim(), scannedAt, ticket: ticket.qrHash, seat, synced: null },
      ];
      storeOfflineScans(listId, all);
      setScans(all);
      return { kind: "admitted", seat: seatLabel(seat), scannedAt };
    },
    [list, listId],
  );

  return {
    online,
    list,
    downloadedAt,
    pageKept,
    listError,
    scans,
    syncing: sync.isPending,
    syncError,
    lastSync,
    check,
  };
}
