"use client";

import { useEffect, useState } from "react";
import { msUntilHoldWarning } from "../lib/hold-warning";

/**
 * Two minutes before the hold on the customer's seats ends, says so in words, in an assertive
 * live region that is on the page from the start (so screen readers announce the change), not
 * only through the countdown's colour.
 */
export function HoldWarning({ until }: { until: string }) {
  // The hold end the warning is due for; a new end (another seat, an extension) starts over.
  const [dueFor, setDueFor] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setDueFor(until), msUntilHoldWarning(until, Date.now()));
    return () => clearTimeout(timer);
  }, [until]);
  return (
    <div role="alert" data-testid="hold-warning">
      {dueFor === until ? (
        <p className="form-error">
          Your seats are held for less than 2 more minutes. Check out now, or they go back on sale.
        </p>
      ) : null}
    </div>
  );
}
