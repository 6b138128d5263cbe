import "server-only";
import { Redis } from "ioredis";
import { serverEnv } from "../lib/server-env";

type Listener = (message: string) => void;

/**
 * One Redis subscriber per web process, shared by every open seat map: catalog publishes each
 * availability change on `seatmap:<eventId>`, and each browser watching that event gets it.
 */
const createFeed = () => {
  let redis: Redis | null = null;
  const listeners = new Map<string, Set<Listener>>();

  const connection = () => {
    if (redis) return redis;
    redis = new Redis(serverEnv.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: null });
    redis.on("message", (channel: string, message: string) => {
      for (const listener of listeners.get(channel) ?? []) listener(message);
    });
    redis.on("error", (error: Error) => console.error("seat map feed:", error.message));
    return redis;
  };

  return {
    /** Resolves once Redis confirms the subscription; the returned function unsubscribes. */
    async subscribe(eventId: string, listener: Listener): Promise<() => void> {
      const channel = `seatmap:${eventId}`;
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener);
      await connection().subscribe(channel);
      return () => {
        const current = listeners.get(channel);
        current?.delete(listener);
        if (current && current.size === 0) {
          listeners.delete(channel);
          void redis?.unsubscribe(channel).catch(() => undefined);
        }
      };
    },
  };
};

const globalFeed = globalThis as unknown as { marqueeSeatmapFeed?: ReturnType<typeof createFeed> };
export const seatmapFeed = (globalFeed.marqueeSeatmapFeed ??= createFeed());
