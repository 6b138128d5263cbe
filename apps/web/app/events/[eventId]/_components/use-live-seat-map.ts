"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
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
 * canvas know when to look again.
 */
const createSeatMapStore = () => {
  let model: SeatMapModel | null = null;
  let version = 0;
  // Counting walks every seat (20,800 at the stadium): once per version, not once per render.
  let counted: { version: number; value: ReturnType<typeof counts> } | null = null;
  const listeners = new Set<() => void>();
  const changed = () => {
    version += 1;
    listeners.forEach((listener) => listener());
  };
  return {
    model: () => model,
    version: () => version,
    counts: () => {
      if (!model) return { available: 0, held: 0, sold: 0 };
      if (counted?.version !== version) counted = { version, value: counts(model) };
      return counted.value;
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: (data: SeatMapData) => {
      if (model) applySnapshot(model, data);
      else model = buildModel(data);
      changed();
    },
    change: (change: SeatChange) => {
      if (!model) return;
      applyChange(model, change);
      changed();
    },
    bump: changed,
  };
};

/**
 * The event's seat map, kept current: catalog's changes arrive over Server-Sent Events and patch
 * the seat states in place. The map is fetched once the feed's subscription is in place (`ready`),
 * and again on every reconnection, since pub/sub does not replay what was missed; a map fetched
 * before the subscription would have to be fetched twice. A feed that cannot open at all (refused,
 * or the server unreachable) still lets the map load, shown as reconnecting.
 */
export const useLiveSeatMap = (eventId: string) => {
  // The event whose feed has been ready (or has failed) at least once: its map may be fetched.
  const [fetchFor, setFetchFor] = useState<string | null>(null);
  const query = trpc.events.seatMap.useQuery(
    { eventId },
    { staleTime: Infinity, enabled: fetchFor === eventId },
  );
  const data = query.data;
  const [store] = useState(createSeatMapStore);
  const version = useSyncExternalStore(store.subscribe, store.version, store.version);
  const [status, setStatus] = useState<LiveStatus>("connecting");

  useEffect(() => {
    if (data) store.snapshot(data);
  }, [store, data]);

  const { refetch } = query;
  useEffect(() => {
    const source = new EventSource(`/api/events/${eventId}/live`);
    let fetching = false;
    source.addEventListener("ready", () => {
      setStatus("live");
      // The first ready enables the query, which fetches; every later one (a reconnection) fetches
      // again what the feed could not deliver while it was away.
      if (fetching) void refetch();
      else setFetchFor(eventId);
      fetching = true;
    });
    source.addEventListener("seats", (event: MessageEvent<string>) => {
      try {
        store.change(JSON.parse(event.data) as SeatChange);
      } catch {
        // A message that cannot be read is ignored; the next reconnect brings the truth.
      }
    });
    source.onerror = () => {
      setStatus("reconnecting");
      setFetchFor(eventId);
      fetching = true;
    };
    return () => source.close();
  }, [eventId, refetch, store]);

  return { model: store.model(), version, counts: store.counts(), bump: store.bump, status, query };
};
