import "server-only";
import { createSeatMapFeed, type SeatMapFeed } from "../lib/seat-map-feed";
import { serverEnv } from "../lib/server-env";

// One feed per web process, kept on globalThis so a module reloaded by next dev does not open
// another Redis subscriber.
const globalFeed = globalThis as unknown as { marqueeSeatmapFeed?: SeatMapFeed };
export const seatmapFeed = (globalFeed.marqueeSeatmapFeed ??= createSeatMapFeed({
  redisUrl: serverEnv.REDIS_URL,
}));
