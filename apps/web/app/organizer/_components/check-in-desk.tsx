"use client";

import { EmptyState } from "@marquee/ui/empty-state";
import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import { useEffect, useRef, useState } from "react";
import { formatCount, formatEventTime } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";
import type { CheckInListView } from "../../../server/door-shapes";
import type { DoorEvent } from "../../../server/routers/door";
import { CheckInListFormPanel } from "./check-in-list-form";
import { CheckInStation } from "./check-in-station";
import { OfflineCheckInStation } from "./offline-check-in-station";
import { OfflineDoorPanel } from "./offline-door-panel";
import { useOfflineDoor } from "./use-offline-door";

// Other desks admit guests too: the counts follow within a few seconds (and at once after a scan).
const REFRESH_MS = 3_000;

const sectionsOf = (list: CheckInListView): string =>
  list.sections.length === 0 ? "every section" : list.sections.join(", ");

/** Keeps the chosen event and list in the address, so a reload or a bookmark opens the same desk. */
const useDeskInAddress = (eventId: string | null, listId: string | null) =>
  useEffect(() => {
    const url = new URL(window.location.href);
    for (const [name, value] of [
      ["event", eventId],
      ["list", listId],
    ] as const) {
      if (value) url.searchParams.set(name, value);
      else url.searchParams.delete(name);
    }
    window.history.replaceState(window.history.state, "", url);
  }, [eventId, listId]);

/**
 * The check-in desk: pick an event, then a check-in list (or create one), then scan. The desk
 * checks in against that one list, so a ticket of another event or of a section that enters
 * elsewhere is refused with the reason fulfillment gives. Without a network, a desk whose list was
 * downloaded goes on checking against it (and syncs its scans when the network is back).
 */
export function CheckInDesk({
  initialEventId,
  initialListId,
}: {
  initialEventId: string | null;
  initialListId: string | null;
}) {
  const [eventId, setEventId] = useState(initialEventId);
  const [listId, setListId] = useState(initialListId);
  const events = trpc.door.events.useQuery();
  const door = useOfflineDoor(listId);
  const lists = trpc.door.lists.useQuery(
    { eventId: eventId ?? "" },
    { enabled: eventId !== null, refetchInterval: REFRESH_MS },
  );
  useDeskInAddress(eventId, listId);
  // Leaving a desk removes the button that was pressed: focus goes to the lists to choose from.
  const listsTitle = useRef<HTMLHeadingElement>(null);
  const [leftDesk, setLeftDesk] = useState(false);
  useEffect(() => {
    if (leftDesk && listId === null) listsTitle.current?.focus();
  }, [leftDesk, listId]);

  if (!door.online && listId && door.list) {
    return <OfflineCheckInStation door={door} list={door.list} />;
  }
  if (!door.online && (events.isPending || events.isError)) {
    return (
      <ErrorNotice
        title="Offline"
        message="This desk has no list downloaded to check tickets against: connect to a network and open the desk's check-in list once."
      />
    );
  }
  if (events.isPending) return <LoadingState label="Loading the events…" />;
  if (events.isError) {
    return <ErrorNotice message={events.error.message} onRetry={() => void events.refetch()} />;
  }
  const event = events.data.find((candidate) => candidate.id === eventId);
  const list = lists.data?.find((candidate) => candidate.id === listId);

  if (event && list) {
    return (
      <div className="stack">
        <CheckInStation
          event={event}
          list={list}
          onChangeList={() => {
            setLeftDesk(true);
            setListId(null);
          }}
        />
        <OfflineDoorPanel door={door} eventId={event.id} timeZone={event.timeZone} />
      </div>
    );
  }
  return (
    <div className="stack check-in-setup">
      <EventChooser
        events={events.data}
        eventId={event ? event.id : null}
        onChoose={(id) => {
          setEventId(id);
          setListId(null);
        }}
      />
      {event ? (
        <>
          <section className="stack" aria-labelledby="lists-title">
            <h2 id="lists-title" ref={listsTitle} tabIndex={-1}>
              Check-in lists
            </h2>
            {lists.isPending ? (
              <LoadingState label="Loading the check-in lists…" />
            ) : lists.isError && !lists.data ? (
              <ErrorNotice message={lists.error.message} onRetry={() => void lists.refetch()} />
            ) : lists.data.length === 0 ? (
              <EmptyState title="No check-in list for this event yet">
                <p>Create one below: a name, and the sections that enter through this desk.</p>
              </EmptyState>
            ) : (
              <ul className="check-in-lists">
                {lists.data.map((candidate) => (
                  <li key={candidate.id} className="panel">
                    <div>
                      <p className="check-in-list-name">{candidate.name}</p>
                      <p className="stat-note">
                        {formatCount(candidate.admitted)} of {formatCount(candidate.expected)}{" "}
                        admitted · {sectionsOf(candidate)}
                      </p>
                    </div>
                    <button
                      type="button"
                      className="button"
                      aria-label={`Open desk: ${candidate.name}`}
                      onClick={() => setListId(candidate.id)}
                    >
                      Open desk
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <CheckInListFormPanel eventId={event.id} onCreated={(created) => setListId(created.id)} />
        </>
      ) : null}
    </div>
  );
}

function EventChooser({
  events,
  eventId,
  onChoose,
}: {
  events: DoorEvent[];
  eventId: string | null;
  onChoose: (eventId: string | null) => void;
}) {
  if (events.length === 0) {
    return (
      <EmptyState title="No event to check in">
        <p>Published events appear here until twelve hours after they start.</p>
      </EmptyState>
    );
  }
  return (
    <div className="field">
      <label htmlFor="door-event">Event</label>
      <select
        id="door-event"
        value={eventId ?? ""}
        onChange={(changed) => onChoose(changed.target.value || null)}
      >
        <option value="">Choose an event</option>
        {events.map((event) => (
          <option key={event.id} value={event.id}>
            {event.name} · {formatEventTime(event.startsAt, event.timeZone)} · {event.venueName}
          </option>
        ))}
      </select>
    </div>
  );
}
