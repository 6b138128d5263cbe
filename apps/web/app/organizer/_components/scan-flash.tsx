"use client";

import { useEffect } from "react";
import type { DoorTicket } from "../../../server/door-shapes";
import { seatLabel } from "@marquee/tickets/seat-label";

/** The last scan's result, as the desk shows it. */
export type ScanResult =
  | { kind: "admitted"; id: number; ticket: DoorTicket; checkedInAt: string }
  | { kind: "refused"; id: number; message: string };

// Long enough to read from a metre away; a refusal stays longer, the guest has to be stopped.
const SHOWN_MS = { admitted: 2_000, refused: 4_500 } as const;

/**
 * The whole screen turns green (admitted, with the seat) or red (refused, with the reason) for a
 * moment after each scan, readable from a metre away. It is only a picture: the desk's live region
 * says the same for screen readers, the code field keeps the focus, and the camera keeps reading,
 * so the next scan can start at once (and replaces it). A tap or Escape closes it sooner.
 */
export function ScanFlash({ result, onDone }: { result: ScanResult | null; onDone: () => void }) {
  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(onDone, SHOWN_MS[result.kind]);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onDone();
    };
    window.addEventListener("keydown", onKey);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("keydown", onKey);
    };
  }, [result, onDone]);

  if (!result) return null;
  return (
    <div
      className="scan-flash"
      data-result={result.kind}
      data-testid="scan-flash"
      aria-hidden="true"
      onClick={onDone}
    >
      {result.kind === "admitted" ? (
        <>
          <p className="scan-flash-verdict">Admitted</p>
          <p className="scan-flash-detail">{seatLabel(result.ticket)}</p>
          <p>{result.ticket.eventName}</p>
        </>
      ) : (
        <>
          <p className="scan-flash-verdict">Not admitted</p>
          <p className="scan-flash-detail">{result.message}</p>
        </>
      )}
    </div>
  );
}
