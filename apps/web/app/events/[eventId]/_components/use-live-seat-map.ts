"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { createRecentSeatChanges } from "../../../../lib/recent-seat-changes";
import { mapIsCurrent, readyRevision } from "../../../../lib/seat-map-revision";
import { trpc } from "../../../../lib/trpc";
import {
  applyChange,
  applySnapshot,
  buildModel,
  counts,
  type SeatChange,
  type SeatMapData,
  type SeatMapModel,
} from "@marquee/ui/seat-map-model";

export type LiveStatus = "connecting" | "live" | "reconnecting";

/**
 * The seat map outside React: built once, then patched in place (a stadium has tens of thousands
 * of seats, too many to copy on every change); `version` counts the changes, so React and the
 * canvas know when to look again. A map already fetched (the event's link fetches it as it is
 * followed, `EventLink`) is built with the store, so the page's first render draws it.
 */
const createSeatMapStore = (initial: SeatMapData | undefined) => {
  let model: SeatMapModel | null = initial ? buildModel(initial) : null;
  let applied = initial;
  let version = 0;
  // A map fetched before a change the feed already brought must not undo it.
  const recent = createRecentSeatChanges();
  const listeners = new Set<() => void>();
  const changed = () => {
    version += 1;
    listeners.forEach((listener) => listener());
  };
  return {
    model: () => model,
    version: () => version,
    // Counted once per change of the seats, not once per render (`sectionSummaries`).
    counts: () => (model ? counts(model) : { available: 0, held: 0, sold: 0 }),
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: (data: SeatMapData) => {
      if (data === applied) return;
      applied = data;
      if (model) applySnapshot(model, data);
      else model = buildModel(data);
      for (const change of recent.above(data.revision)) applyChange(model, change);
      changed();
    },
    change: (change: SeatChange) => {
      recent.add(change);
      if (!model) return;
      applyChange(model, change);
      changed();
    },
    bump: changed,
  };
};

/**
 * The event's seat map, kept current: catalog's changes arrive over Server-Sent Events and patch
 * the seat states in place. Pub/sub does not replay what was missed, so every (re)connection
 * compares the map's revision with the one the feed subscribed at (its `ready` message) and
 * fetches the whole map again unless the map is as recent: the map holds every change up to its
 * revision, the feed brings every change above its own.
 */
export const useLiveSeatMap = (eventId: string) => {
  // Every fetch is a new snapshot to apply, even one equal to the last: the model may have been
  // patched since, by live changes the fetch now corrects. Structural sharing would hand back the
  // previous object for an equal answer (after comparing the whole map) and the snapshot would
  // never be applied.
  const query = trpc.events.seatMap.useQuery(
    { eventId },
    { staleTime: Infinity, structuralSharing: false },
  );
  const data = query.data;
  const [store] = useState(() => createSeatMapStore(data));
  const version = useSyncExternalStore(store.subscribe, store.version, store.version);
  const [status, setStatus] = useState<LiveStatus>("connecting");

  useEffect(() => {
    if (data) store.snapshot(data);
  }, [store, data]);

  // The feed's latest `ready` (a new object each time), compared with the map once no fetch of
  // it is in flight: a fetch sent before the subscription may still be older.
  const [ready, setReady] = useState<{ revision: number | null } | null>(null);
  const handled = useRef<typeof ready>(null);
  const { refetch, fetchStatus } = query;
  useEffect(() => {
    if (!ready || ready === handled.current || fetchStatus === "fetching") return;
    handled.current = ready;
    if (!mapIsCurrent(data?.revision, ready.revision)) void refetch();
  }, [ready, data, fetchStatus, refetch]);

  useEffect(() => {
    const source = new EventSource(`/api/events/${eventId}/live`);
    source.addEventListener("ready", (event: MessageEvent<string>) => {
      setStatus("live");
      setReady({ revision: readyRevision(event.data) });
    });
    source.addEventListener("seats", (event: MessageEvent<string>) => {
      try {
        store.change(JSON.parse(event.data) as SeatChange);
      } catch {
        // A message that cannot be read is ignored; the next reconnect brings the truth.
      }
    });
    source.onerror = () => setStatus("reconnecting");
    return () => source.close();
  }, [eventId, store]);

  return { model: store.model(), version, counts: store.counts(), bump: store.bump, status, query };
};
