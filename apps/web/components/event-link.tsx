"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { warmFormatters } from "../lib/format";
import { trpc } from "../lib/trpc";

type Props = { eventId: string; seated: boolean; children: ReactNode };

/**
 * A link to an event's page that, as it is followed, starts fetching the event's seat map: the
 * map then arrives while the page's code loads instead of after it (on a slow phone the page's
 * code takes most of a second), and the page draws it on its first render (`useLiveSeatMap`,
 * which keeps it current from there). The browser's number formatter is made while the page's
 * answer is on its way, if the idle time after the list's load has not made it yet: the first
 * costs 150–550 ms on a phone-speed CPU and would otherwise fall on the map's first paint
 * (`warmFormatters`). Pointer down comes before the click by the time a finger or button takes to
 * lift; the click covers the keyboard.
 */
export function EventLink({ eventId, seated, children }: Props) {
  const utils = trpc.useUtils();
  const prepare = () => {
    if (!seated) return;
    void utils.events.seatMap.prefetch({ eventId }, { staleTime: Infinity });
    // After the navigation has sent its request, not before.
    setTimeout(warmFormatters, 0);
  };
  return (
    <Link href={`/events/${eventId}`} onPointerDown={prepare} onClick={prepare}>
      {children}
    </Link>
  );
}
