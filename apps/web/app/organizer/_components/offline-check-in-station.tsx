"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { signalScan, unlockSound } from "../../../lib/door-feedback";
import type { DoorListPayload } from "../../../lib/door-offline-list";
import { CameraScanner } from "./camera-scanner";
import { DoorCounts, TicketCodeForm } from "./ticket-code-form";
import { clockTime, type OfflineCheck, type OfflineDoor } from "./use-offline-door";

type Checked = OfflineCheck & { id: number };

// As long as the online desk's flash: readable from a metre away, a refusal a little longer.
const SHOWN_MS = { admitted: 2_000, refused: 4_500 } as const;

const sectionsOf = (list: DoorListPayload): string =>
  list.sections.length === 0 ? "Every section" : `Sections ${list.sections.join(", ")}`;

/**
 * The desk without a network: the same code field and camera as online, checked against the list
 * downloaded for this desk. An admitted scan is kept on this device and synced when the network is
 * back; a ticket already in when the list was downloaded, or already scanned on this device, is
 * refused. Green or red, a beep and the live region as online.
 */
export function OfflineCheckInStation({
  door,
  list,
}: {
  door: OfflineDoor;
  list: DoorListPayload;
}) {
  const field = useRef<HTMLInputElement>(null);
  const scans = useRef(0);
  const [last, setLast] = useState<Checked | null>(null);
  const [flash, setFlash] = useState<Checked | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const hideFlash = useCallback(() => setFlash(null), []);

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(hideFlash, SHOWN_MS[flash.kind]);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") hideFlash();
    };
    window.addEventListener("keydown", onKey);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("keydown", onKey);
    };
  }, [flash, hideFlash]);

  const { check } = door;
  const scan = useCallback(
    async (code: string): Promise<Checked> => {
      const id = (scans.current += 1);
      const result = { ...(await check(code)), id };
      setLast(result);
      setFlash(result);
      signalScan(result.kind === "admitted");
      return result;
    },
    [check],
  );
  const onCameraCode = useCallback((code: string) => void scan(code), [scan]);

  const onSubmit = (submitted: FormEvent<HTMLFormElement>) => {
    submitted.preventDefault();
    unlockSound();
    const input = field.current;
    const typed = input?.value.trim() ?? "";
    if (!typed) {
      setFieldError("Type the code under the QR (XXXXX-XXXXX) or scan the QR.");
      input?.focus();
      return;
    }
    setFieldError(null);
    void scan(typed).then((result) => {
      if (!input || input.value.trim() !== typed) return;
      if (result.kind === "admitted") input.value = "";
      else input.select();
      input.focus();
    });
  };

  // Synced scans are in the list once it is downloaded again: count only those still waiting.
  const admittedHere = door.scans.filter((made) => made.synced === null).length;
  const admitted = list.tickets.filter((ticket) => ticket.checkedInAt !== null).length;

  return (
    <section className="check-in-station stack" aria-labelledby="station-title">
      <div className="station-head">
        <div>
          <h2 id="station-title">{list.listName}</h2>
          <p className="stat-note">
            {list.eventName} · {sectionsOf(list)}
          </p>
        </div>
      </div>

      <p className="door-offline-status" role="status" data-testid="door-offline-status">
        Offline — checking against the list downloaded at{" "}
        {door.downloadedAt ? clockTime(door.downloadedAt) : "—"}. Scans are kept on this device and
        synced when the network is back.
      </p>

      <DoorCounts
        admitted={admitted + admittedHere}
        expected={list.tickets.length}
        note={` · ${admittedHere.toLocaleString("en-GB")} on this device, waiting to sync`}
      />

      <CameraScanner onCode={onCameraCode} />

      <TicketCodeForm field={field} error={fieldError} onSubmit={onSubmit} onChange={hideFlash} />

      <div className="check-in-last" aria-live="assertive" aria-atomic="true">
        {last ? (
          last.kind === "admitted" ? (
            <section className="check-in-result" data-result="admitted" aria-label="Admitted">
              <p className="check-in-verdict">Admitted</p>
              <p className="check-in-seat">{last.seat}</p>
              <p className="field-hint">
                Checked offline at {clockTime(last.scannedAt)}; synced when the network is back.
              </p>
            </section>
          ) : (
            <section className="check-in-result" data-result="refused" aria-label="Refused">
              <p className="check-in-verdict">Not admitted</p>
              <p className="check-in-reason">{last.message}</p>
            </section>
          )
        ) : null}
      </div>

      {flash ? (
        <div
          className="scan-flash"
          data-result={flash.kind}
          data-testid="scan-flash"
          aria-hidden="true"
          onClick={hideFlash}
        >
          <p className="scan-flash-verdict">
            {flash.kind === "admitted" ? "Admitted" : "Not admitted"}
          </p>
          <p className="scan-flash-detail">
            {flash.kind === "admitted" ? flash.seat : flash.message}
          </p>
        </div>
      ) : null}
    </section>
  );
}
