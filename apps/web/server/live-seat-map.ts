import "server-only";
import { TRPCClientError } from "@trpc/client";
import { createEventExistsCache } from "../lib/event-exists-cache";
import type { LiveSeatMapDeps } from "../lib/live-seat-map-stream";
import { createLiveStreamSlots } from "../lib/live-stream-slots";
import { serverEnv } from "../lib/server-env";
import { seatmapFeed } from "./seatmap-feed";
import { servicesFor } from "./services";

const isNotFound = (error: unknown) =>
  error instanceof TRPCClientError &&
  (error.data as { code?: string } | undefined)?.code === "NOT_FOUND";

/** Catalog's public `event`: drafts and unknown ids are NOT_FOUND; anything else is an outage. */
const askCatalog = async (eventId: string): Promise<boolean> => {
  try {
    await servicesFor({ token: null, ip: null }).catalog.event.query({ eventId });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
};

const createLiveSeatMapDeps = (): LiveSeatMapDeps => {
  const cache = createEventExistsCache({ lookup: askCatalog });
  return {
    // Counted in this process: the web runs as one process (README: Live updates).
    slots: createLiveStreamSlots({ perClient: serverEnv.LIVE_STREAMS_PER_CLIENT }),
    eventExists: (eventId) => cache.exists(eventId),
    subscribe: (eventId, listener) => seatmapFeed.subscribe(eventId, listener),
    revision: (eventId) => seatmapFeed.revision(eventId),
  };
};

// Kept on globalThis so a module reloaded by next dev keeps counting the streams already open.
const globalDeps = globalThis as unknown as { marqueeLiveSeatMapDeps?: LiveSeatMapDeps };
export const liveSeatMapDeps = (globalDeps.marqueeLiveSeatMapDeps ??= createLiveSeatMapDeps());
