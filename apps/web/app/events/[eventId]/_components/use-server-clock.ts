"use client";

import { useEffect, useState } from "react";
import { trpc } from "../../../../lib/trpc";

/**
 * How far the server's clock is ahead of the browser's (ms), measured once per page: the web server
 * runs on the services' clock, so countdowns computed with it end when inventory opens the sale,
 * whatever the visitor's own clock says. Zero until measured.
 */
export const useServerClockOffset = (): number => {
  const utils = trpc.useUtils();
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    let cancelled = false;
    const sent = Date.now();
    utils.events.serverTime
      .fetch(undefined, { staleTime: 0 })
      .then(({ now }) => {
        const received = Date.now();
        // The server read its clock about halfway through the round trip.
        if (!cancelled) setOffset(Date.parse(now) - (sent + received) / 2);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [utils]);
  return offset;
};

/**
 * The current time on the server's clock, re-read every second; null until the page has hydrated,
 * so the server's render and the browser's first render agree (the clock then appears in place).
 */
export const useServerNow = (offset: number): number | null => {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now() + offset);
    const timer = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(timer);
  }, [offset]);
  return now;
};
