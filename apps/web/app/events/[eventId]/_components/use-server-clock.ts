"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
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

// The browser's clock as a store React can read: one reading shared by every render until the next
// second's tick, forgotten when nothing watches it any more (so a later page starts from now).
let latest: number | null = null;
let watchers = 0;
const watchClock = (onTick: () => void) => {
  watchers += 1;
  const timer = setInterval(() => {
    latest = Date.now();
    onTick();
  }, 1000);
  return () => {
    clearInterval(timer);
    watchers -= 1;
    if (watchers === 0) latest = null;
  };
};
const readClock = () => (latest ??= Date.now());
const noClockOnServer = () => null;

/**
 * The current time on the server's clock, re-read every second; null until the page has hydrated,
 * so the server's render and the browser's first render agree (the clock then appears in place).
 */
export const useServerNow = (offset: number): number | null => {
  const now = useSyncExternalStore(watchClock, readClock, noClockOnServer);
  return now === null ? null : now + offset;
};
