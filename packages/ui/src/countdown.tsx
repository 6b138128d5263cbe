"use client";

import { useEffect, useState } from "react";

const format = (ms: number) => {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
};

const spoken = (ms: number) => {
  const minutes = Math.ceil(Math.max(0, ms) / 60_000);
  return minutes <= 1 ? "less than a minute" : `${minutes} minutes`;
};

export type CountdownProps = {
  /** ISO instant the countdown reaches zero. */
  until: string;
  /** Called once when it reaches zero. */
  onExpire?: () => void;
  label?: string;
};

/**
 * "Held for 14:32": a visible clock that ticks every second, and a screen-reader text that changes
 * only once a minute, so assistive technology is not flooded.
 */
export function Countdown({ until, onExpire, label = "Seats held for" }: CountdownProps) {
  const end = Date.parse(until);
  const [now, setNow] = useState(() => Date.now());
  const left = end - now;

  useEffect(() => {
    if (left <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [left <= 0]);

  useEffect(() => {
    if (left <= 0) onExpire?.();
  }, [left <= 0]);

  return (
    <p className="countdown" data-expired={left <= 0 || undefined}>
      <span aria-hidden="true">
        {label} <strong data-testid="countdown">{format(left)}</strong>
      </span>
      <span className="visually-hidden">
        {left <= 0 ? "Your hold has expired." : `${label} ${spoken(left)}.`}
      </span>
    </p>
  );
}
