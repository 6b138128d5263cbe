"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { trpc } from "../../../../lib/trpc";
import {
  applyChange,
  applySnapshot,
  buildModel,
  type SeatChange,
  type SeatMapModel,
} from "@marquee/ui/seat-map-model";

export type LiveStatus = "connecting" | "live" | "reconnecting";

/**
 * The event's seat map, kept current: catalog's changes arrive over Server-Sent Events and patch
 * the seat states in place; every (re)connection fetches the whole map again, since pub/sub does
 * not replay what was missed.
 */
export const useLiveSeatMap = (eventId: string) => {
  const query = trpc.events.seatMap.useQuery({ eventId }, { staleTime: Infinity });
  const data = query.data;
  const modelRef = useRef<SeatMapModel | null>(null);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<LiveStatus>("connecting");

  const model = useMemo(() => {
    if (!data) return modelRef.current;
    if (!modelRef.current) modelRef.current = buildModel(data);
    else applySnapshot(modelRef.current, data);
    return modelRef.current;
  }, [data]);

  useEffect(() => setVersion((v) => v + 1), [data]);

  const { refetch } = query;
  useEffect(() => {
    const source = new EventSource(`/api/events/${eventId}/live`);
    source.addEventListener("ready", () => {
      setStatus("live");
      void refetch();
    });
    source.addEventListener("seats", (event: MessageEvent<string>) => {
      const current = modelRef.current;
      if (!current) return;
      try {
        applyChange(current, JSON.parse(event.data) as SeatChange);
        setVersion((v) => v + 1);
      } catch {
        // A message that cannot be read is ignored; the next reconnect brings the truth.
      }
    });
    source.onerror = () => setStatus("reconnecting");
    return () => source.close();
  }, [eventId, refetch]);

  return { model, version, bump: () => setVersion((v) => v + 1), status, query };
};
