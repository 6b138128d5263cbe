"use client";

import { useEffect, useId, useRef } from "react";
import "./wheelchair-space-dialog.css";

type Props = {
  /** The wheelchair space asked for, in words ("Floor, row A, seat 1"); null while closed. */
  seat: string | null;
  onConfirm: () => void;
  /** Cancel, Escape or closing without confirming: nothing is held. */
  onCancel: () => void;
};

/**
 * Asked before a wheelchair space is held from the map: a modal dialog (the browser's own, so
 * focus stays inside and Escape closes it, like the Transfer dialog on My tickets). It opens on
 * its question rather than a button, so the key that opened it cannot also answer it. The caller
 * gives focus back to the map on either answer.
 */
export function WheelchairSpaceDialog({ seat, onConfirm, onCancel }: Props) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const question = useRef<HTMLHeadingElement>(null);
  const confirmed = useRef(false);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (seat && !el.open) {
      confirmed.current = false;
      el.showModal();
      question.current?.focus();
    } else if (!seat && el.open) {
      el.close();
    }
  }, [seat]);

  return (
    <dialog
      ref={dialog}
      className="seat-confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      data-testid="wheelchair-space-dialog"
      onClose={() => {
        if (!confirmed.current) onCancel();
      }}
    >
      <h2 id={`${id}-title`} ref={question} tabIndex={-1}>
        This is a wheelchair space
      </h2>
      <p id={`${id}-text`}>
        {seat} is a space for a wheelchair user, with no fixed seat. Hold it if you, or someone you
        are buying for, will use it. Hold it?
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => {
            confirmed.current = true;
            dialog.current?.close();
            onConfirm();
          }}
        >
          Hold the wheelchair space
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => dialog.current?.close()}
        >
          Cancel
        </button>
      </div>
    </dialog>
  );
}
