"use client";

import { useCallback, useRef, useState, type FormEvent } from "react";
import { signalScan, unlockSound } from "../../../lib/door-feedback";
import { DoorCheckInInput } from "../../../lib/door-forms";
import { formatMoment } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";
import type { CheckInListView, DoorTicket } from "../../../server/door-shapes";
import type { DoorEvent } from "../../../server/routers/door";
import { CameraScanner } from "./camera-scanner";
import { DoorCounts, TicketCodeForm } from "./ticket-code-form";
import { ScanFlash, type ScanResult } from "./scan-flash";
import { seatLabel } from "@marquee/tickets/seat-label";

/** What the desk last did, kept on screen and announced: a scan's result, or an undo. */
type LastAction =
  | ScanResult
  | { kind: "undone"; id: number; ticket: DoorTicket }
  | { kind: "undo-refused"; id: number; message: string };

const sectionsOf = (list: CheckInListView): string =>
  list.sections.length === 0 ? "Every section" : `Sections ${list.sections.join(", ")}`;

const messageOf = (error: unknown): string =>
  error instanceof Error && error.message
    ? error.message
    : "The check-in did not go through. Try again.";

/**
 * The desk at work on one check-in list: admitted / expected, the camera, one field for a typed
 * or scanner-typed code (the short code under the QR, or the QR's text), and Undo last check-in.
 * Every scan is sent at once (a second guest need not wait for the first answer); each answer
 * flashes the screen, beeps, updates the counts and is announced in the live region.
 */
export function CheckInStation({
  event,
  list,
  onChangeList,
}: {
  event: DoorEvent;
  list: CheckInListView;
  onChangeList: () => void;
}) {
  const utils = trpc.useUtils();
  const checkIn = trpc.door.checkIn.useMutation();
  const undo = trpc.door.undoLastCheckIn.useMutation();
  const field = useRef<HTMLInputElement>(null);
  const scans = useRef(0);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [last, setLast] = useState<LastAction | null>(null);
  const [flash, setFlash] = useState<ScanResult | null>(null);
  const hideFlash = useCallback(() => setFlash(null), []);

  const showCounts = useCallback(
    (fresh: CheckInListView) =>
      utils.door.lists.setData({ eventId: fresh.eventId }, (lists) =>
        lists?.map((candidate) => (candidate.id === fresh.id ? fresh : candidate)),
      ),
    [utils],
  );

  /** Sends one code and shows the answer; resolves with it (the typed field reacts to it). */
  const send = useCallback(
    async (code: string): Promise<ScanResult> => {
      const id = (scans.current += 1);
      // A camera reads any QR (a poster's link, a boarding pass): say so rather than send it.
      const input = DoorCheckInInput.safeParse({ listId: list.id, code });
      if (!input.success) {
        return { kind: "refused", id, message: input.error.issues[0]?.message ?? "" };
      }
      try {
        const admitted = await checkIn.mutateAsync(input.data);
        showCounts(admitted.list);
        return { kind: "admitted", id, ticket: admitted.ticket, checkedInAt: admitted.checkedInAt };
      } catch (error) {
        return { kind: "refused", id, message: messageOf(error) };
      }
    },
    [checkIn, list.id, showCounts],
  );

  const scan = useCallback(
    async (code: string): Promise<ScanResult> => {
      const result = await send(code);
      setLast(result);
      setFlash(result);
      signalScan(result.kind === "admitted");
      return result;
    },
    [send],
  );

  const onCameraCode = useCallback((code: string) => void scan(code), [scan]);

  const onSubmit = (submitted: FormEvent<HTMLFormElement>) => {
    submitted.preventDefault();
    unlockSound();
    const input = field.current;
    const parsed = DoorCheckInInput.safeParse({ listId: list.id, code: input?.value ?? "" });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? "Type the code under the QR.");
      input?.focus();
      return;
    }
    setFieldError(null);
    const typed = input?.value ?? "";
    void scan(parsed.data.code).then((result) => {
      // The next guest's code may already be half typed; only touch the field if it is unchanged.
      if (!input || input.value !== typed) return;
      if (result.kind === "admitted") input.value = "";
      else input.select();
      input.focus();
    });
  };

  const onUndo = () => {
    const id = (scans.current += 1);
    undo.mutate(
      { listId: list.id },
      {
        onSuccess: (undone) => {
          showCounts(undone.list);
          setFlash(null);
          setLast({ kind: "undone", id, ticket: undone.ticket });
        },
        onError: (error) => setLast({ kind: "undo-refused", id, message: error.message }),
        onSettled: () => field.current?.focus(),
      },
    );
  };

  return (
    <section className="check-in-station stack" aria-labelledby="station-title">
      <div className="station-head">
        <div>
          <h2 id="station-title">{list.name}</h2>
          <p className="stat-note">
            {event.name} · {sectionsOf(list)}
          </p>
        </div>
        <button type="button" className="link-button" onClick={onChangeList}>
          Change list or event
        </button>
      </div>

      <DoorCounts admitted={list.admitted} expected={list.expected} />

      <CameraScanner onCode={onCameraCode} />

      <TicketCodeForm field={field} error={fieldError} onSubmit={onSubmit} onChange={hideFlash} />

      <div className="check-in-last" aria-live="assertive" aria-atomic="true">
        {/* Keyed by scan: the same refusal twice is new content, so it is announced again. */}
        {last ? <LastActionView key={last.id} action={last} /> : null}
      </div>

      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={undo.isPending}
          onClick={onUndo}
        >
          {undo.isPending ? "Undoing…" : "Undo last check-in"}
        </button>
      </div>

      <ScanFlash result={flash} onDone={hideFlash} />
    </section>
  );
}

function LastActionView({ action }: { action: LastAction }) {
  switch (action.kind) {
    case "admitted":
      return (
        <section className="check-in-result" data-result="admitted" aria-label="Admitted">
          <p className="check-in-verdict">Admitted</p>
          <p className="check-in-seat">{seatLabel(action.ticket)}</p>
          <p>{action.ticket.eventName}</p>
          <p className="field-hint">
            Ticket {action.ticket.shortCode} checked in at {formatMoment(action.checkedInAt)}.
          </p>
        </section>
      );
    case "refused":
      return (
        <section className="check-in-result" data-result="refused" aria-label="Refused">
          <p className="check-in-verdict">Not admitted</p>
          <p className="check-in-reason">{action.message}</p>
        </section>
      );
    case "undone":
      return (
        <section className="check-in-result" data-result="undone" aria-label="Check-in undone">
          <p className="check-in-verdict">Check-in undone</p>
          <p>{seatLabel(action.ticket)}: this ticket can be scanned again.</p>
        </section>
      );
    case "undo-refused":
      return (
        <section className="check-in-result" data-result="refused" aria-label="Nothing undone">
          <p className="check-in-verdict">Nothing undone</p>
          <p>{action.message}</p>
        </section>
      );
  }
}
