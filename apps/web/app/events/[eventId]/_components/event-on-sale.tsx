"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { formatEventTime } from "../../../../lib/format";
import {
  nextPhaseChange,
  readerTime,
  salesCloseOf,
  salesPhase,
  type SalesPhase,
  type SalesWindow,
} from "../../../../lib/on-sale";
import { trpc } from "../../../../lib/trpc";
import { EventSeating } from "./event-seating";
import { TimeLeft } from "./time-left";
import { useServerClockOffset } from "./use-server-clock";
import type { Admission } from "./waiting-room";

// Only events with a waiting room show it: its code loads with them, not with every event page.
const WaitingRoom = dynamic(() => import("./waiting-room").then((module) => module.WaitingRoom));

// setTimeout counts in a signed 32-bit number of ms; a phase change weeks away is re-checked daily.
const MAX_TIMER_MS = 86_400_000;
const REREAD_MS = 60_000;

export type OnSaleEvent = SalesWindow & {
  id: string;
  name: string;
  timeZone: string;
  waitingRoom: { admitPerMinute: number; windowSeconds: number } | null;
};

// The reader's time zone does not change while the page is open.
const noChanges = () => () => undefined;

/** The reader's own time of an instant, filled in after hydration (the server cannot know it). */
function ReaderTime({ iso, timeZone }: { iso: string; timeZone: string }) {
  const text = useSyncExternalStore(
    noChanges,
    () => readerTime(iso, timeZone),
    () => null,
  );
  return <span className="reader-time">{text ? ` (your time: ${text})` : ""}</span>;
}

/**
 * The event page below its header: when sales open (a countdown on the services' clock), the
 * waiting room when the event has one, and the seat map, which shows at all times but holds seats
 * only while the event is on sale and, with a waiting room, while the visitor is admitted.
 */
export function EventOnSale({
  event,
  signedIn: signedInAtLoad,
  initialPhase,
}: {
  event: OnSaleEvent;
  signedIn: boolean;
  /** The phase at the server's render, so the first paint agrees with the page's HTML. */
  initialPhase: SalesPhase;
}) {
  const router = useRouter();
  const offset = useServerClockOffset();
  const [phase, setPhase] = useState(initialPhase);
  // The phase the page was loaded in; a refresh after signing in must not change what it keeps.
  const [loadedPhase] = useState(initialPhase);
  const [signedIn, setSignedIn] = useState(signedInAtLoad);
  const [admission, setAdmission] = useState<Admission>({
    state: null,
    token: null,
    opensAt: null,
  });
  const [salesWindow, setSalesWindow] = useState<SalesWindow>(event);

  // Before the opening the organizer may still move it: the event is read again every minute.
  // With a waiting room, inventory's answer (polled every 2 s) says when it opens, or that it has.
  const utils = trpc.useUtils();
  useEffect(() => {
    if (phase !== "before-open") return;
    const timer = setInterval(() => {
      utils.events.byId
        .fetch({ eventId: event.id }, { staleTime: 0 })
        .then((fresh) =>
          setSalesWindow((current) =>
            current.salesOpenAt === fresh.salesOpenAt &&
            current.salesCloseAt === fresh.salesCloseAt &&
            current.startsAt === fresh.startsAt
              ? current
              : {
                  salesOpenAt: fresh.salesOpenAt,
                  salesCloseAt: fresh.salesCloseAt,
                  startsAt: fresh.startsAt,
                },
          ),
        )
        .catch(() => undefined);
    }, REREAD_MS);
    return () => clearInterval(timer);
  }, [phase, utils, event.id]);
  const roomAnswered = admission.state !== null && admission.state !== "not-required";
  const salesOpenAt = roomAnswered ? admission.opensAt : salesWindow.salesOpenAt;
  const { salesCloseAt, startsAt } = salesWindow;
  const closesAt = new Date(salesCloseOf(salesWindow)).toISOString();

  // The phase follows the server's clock, re-computed exactly when it is due to change.
  useEffect(() => {
    const sales = { salesOpenAt, salesCloseAt, startsAt };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      const now = Date.now() + offset;
      setPhase(salesPhase(sales, now));
      const next = nextPhaseChange(sales, now);
      if (next !== null) timer = setTimeout(update, Math.min(next - now + 20, MAX_TIMER_MS));
    };
    update();
    return () => clearTimeout(timer);
  }, [offset, salesOpenAt, salesCloseAt, startsAt]);

  const onSignedIn = useCallback(() => {
    setSignedIn(true);
    router.refresh();
  }, [router]);

  const waitingRoom = event.waitingRoom !== null && admission.state !== "not-required";
  const lockedReason =
    phase === "closed"
      ? "Sales for this event have closed."
      : phase === "before-open" && salesOpenAt
        ? `Sales open ${formatEventTime(salesOpenAt, event.timeZone)}: you can look at the seats now and hold them from then on.`
        : waitingRoom && admission.state === "expired"
          ? "Your shopping window has ended, so no more seats can be held."
          : waitingRoom && !admission.token
            ? "This sale has a waiting room: you can hold seats once it is your turn."
            : null;

  return (
    <>
      {phase === "before-open" && salesOpenAt ? (
        <section className="on-sale-banner" aria-labelledby="on-sale-title">
          <h2 id="on-sale-title">Sales open soon</h2>
          <p>
            Sales open{" "}
            <time dateTime={salesOpenAt} data-testid="sales-open-at">
              {formatEventTime(salesOpenAt, event.timeZone)}
            </time>
            <ReaderTime iso={salesOpenAt} timeZone={event.timeZone} />.
          </p>
          <TimeLeft
            until={salesOpenAt}
            offset={offset}
            label="Sales open in"
            doneText="Sales are open."
            testId="sales-countdown"
          />
        </section>
      ) : phase === "closed" ? (
        <section className="on-sale-banner" aria-labelledby="on-sale-title" data-phase="closed">
          <h2 id="on-sale-title">Sales closed</h2>
          <p>
            Sales for this event closed{" "}
            <time dateTime={closesAt}>{formatEventTime(closesAt, event.timeZone)}</time>.
          </p>
        </section>
      ) : loadedPhase === "before-open" ? (
        // Loaded before the opening: the banner stays in place, so nothing below it jumps.
        <section className="on-sale-banner" aria-labelledby="on-sale-title" data-phase="open">
          <h2 id="on-sale-title">On sale now</h2>
          <p>
            {waitingRoom
              ? "The waiting room lets visitors in at a steady pace."
              : "Pick your seats on the map."}
          </p>
        </section>
      ) : null}
      {event.waitingRoom && phase !== "closed" && admission.state !== "not-required" ? (
        <WaitingRoom
          eventId={event.id}
          timeZone={event.timeZone}
          offset={offset}
          signedIn={signedIn}
          onSignedIn={onSignedIn}
          onAdmission={setAdmission}
        />
      ) : null}
      <EventSeating
        eventId={event.id}
        eventName={event.name}
        timeZone={event.timeZone}
        signedIn={signedIn}
        onSignedIn={onSignedIn}
        lockedReason={lockedReason}
        admission={waitingRoom ? admission.token : null}
      />
    </>
  );
}
