"use client";

import { useEffect, useRef } from "react";
import { formatTimeLeft, spokenTimeLeft } from "../../../../lib/on-sale";
import { useServerNow } from "./use-server-clock";

/**
 * "Sales open in 2:04:05": a clock on the server's time that ticks every second, and a polite live
 * region that says the time left in coarse steps (days, hours, five minutes, minutes, the last
 * minute, the last seconds), so a screen reader hears it change a few times, not every second.
 */
export function TimeLeft({
  until,
  offset,
  label,
  doneText,
  testId,
  onDone,
}: {
  /** The instant (ISO) the countdown reaches zero. */
  until: string;
  /** Server clock minus browser clock (ms), from `useServerClockOffset`. */
  offset: number;
  label: string;
  /** Said and shown once the time is up. */
  doneText: string;
  testId: string;
  onDone?: () => void;
}) {
  const now = useServerNow(offset);
  const left = now === null ? null : Date.parse(until) - now;
  const done = left !== null && left <= 0;
  const onDoneRef = useRef(onDone);
  useEffect(() => {
    onDoneRef.current = onDone;
  });
  useEffect(() => {
    if (done) onDoneRef.current?.();
  }, [done]);

  return (
    <p className="countdown time-left" data-expired={done || undefined} data-until={until}>
      <span aria-hidden="true">
        {done ? (
          doneText
        ) : (
          <>
            {label}{" "}
            <strong data-testid={testId}>{left === null ? "–:––" : formatTimeLeft(left)}</strong>
          </>
        )}
      </span>
      <span className="visually-hidden" role="status">
        {left === null ? "" : done ? doneText : `${label} ${spokenTimeLeft(left)}.`}
      </span>
    </p>
  );
}
