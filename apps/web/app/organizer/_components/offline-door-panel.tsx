"use client";

import { trpc } from "../../../lib/trpc";
import type { DuplicateAdmission } from "../../../server/door-shapes";
import { clockTime, type OfflineDoor } from "./use-offline-door";
import { seatLabel } from "@marquee/tickets/seat-label";

// Duplicates arrive whenever a device syncs: the desk looks every few seconds, like its counts.
const REFRESH_MS = 5_000;

const deviceOf = (deviceId: string | null): string =>
  deviceId === null ? "online" : `device ${deviceId.slice(0, 8)}`;

const admissionOf = (
  admission: DuplicateAdmission["first"],
  timeZone: string | undefined,
): string =>
  `${clockTime(admission.at, timeZone)} (${deviceOf(admission.deviceId)}${
    admission.listName ? `, ${admission.listName}` : ""
  })`;

/**
 * Beside the online desk: whether it is ready to go on without a network (its page kept, its list
 * downloaded and verified), what the last sync of offline scans answered (a duplicate or a refusal
 * is named, seat by seat), and the event's tickets admitted twice.
 */
export function OfflineDoorPanel({
  door,
  eventId,
  timeZone,
}: {
  door: OfflineDoor;
  eventId: string;
  timeZone?: string;
}) {
  const duplicates = trpc.door.duplicates.useQuery({ eventId }, { refetchInterval: REFRESH_MS });
  const waiting = door.scans.filter((scan) => scan.synced === null).length;
  const flagged = (door.lastSync ?? []).filter((scan) => scan.outcome !== "admitted");
  const admitted = (door.lastSync ?? []).length - flagged.length;

  return (
    <section className="panel stack door-offline" aria-labelledby="door-offline-title">
      <h2 id="door-offline-title">Working offline</h2>
      <p role="status" data-testid="door-offline-ready">
        {door.list && door.downloadedAt
          ? door.pageKept?.kept
            ? `Ready to work offline: list of ${door.list.tickets.length.toLocaleString("en-GB")} tickets downloaded at ${clockTime(door.downloadedAt)}.`
            : `List of ${door.list.tickets.length.toLocaleString("en-GB")} tickets downloaded at ${clockTime(door.downloadedAt)}; ${
                door.pageKept
                  ? `the page cannot be kept for opening without a network (${door.pageKept.reason}).`
                  : "keeping the page for opening without a network…"
              }`
          : "Downloading the list for working offline…"}
      </p>
      {door.listError ? <p className="field-error">{door.listError}</p> : null}
      {waiting > 0 ? (
        <p>
          {door.syncing
            ? `Syncing ${waiting.toLocaleString("en-GB")} scans made offline…`
            : `${waiting.toLocaleString("en-GB")} scans made offline wait to sync.`}
        </p>
      ) : null}
      {door.syncError ? <p className="field-error">{door.syncError}</p> : null}
      {door.lastSync ? (
        <div className="stack" data-testid="door-sync-result">
          <p>
            Synced {door.lastSync.length.toLocaleString("en-GB")} scans made offline:{" "}
            {admitted.toLocaleString("en-GB")} admitted
            {flagged.length > 0 ? `, ${flagged.length.toLocaleString("en-GB")} not` : ""}.
          </p>
          {flagged.length > 0 ? (
            <ul>
              {flagged.map((scan) => (
                <li key={`${scan.code}-${scan.scannedAt}`}>
                  {scan.outcome === "duplicate" ? "Admitted twice" : "Refused"} (scanned at{" "}
                  {clockTime(scan.scannedAt, timeZone)}): {scan.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {duplicates.data && duplicates.data.length > 0 ? (
        <section className="stack" aria-labelledby="duplicates-title">
          <h3 id="duplicates-title">Duplicate admissions</h3>
          <p className="field-hint">
            Tickets admitted twice — on two devices offline, or offline and online. The first
            admission counts; check who came in with the second.
          </p>
          <ul className="door-duplicates" data-testid="door-duplicates">
            {duplicates.data.map((duplicate) => (
              <li key={duplicate.id}>
                {seatLabel(duplicate)} ({duplicate.shortCode}): first{" "}
                {admissionOf(duplicate.first, timeZone)}, again{" "}
                {admissionOf(duplicate.second, timeZone)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
