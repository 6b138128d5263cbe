import {
  parseSeatMapChange,
  readSeatMapRevision,
  seatMapChannel,
} from "@marquee/events/contracts/seat-map-channel";
import { Redis } from "ioredis";

type Listener = (message: string) => void;

export type SeatMapFeed = {
  /** Resolves once Redis confirms the subscription; the returned function unsubscribes. */
  subscribe(eventId: string, listener: Listener): Promise<() => void>;
  /**
   * The event's seat-map revision (`seatMapRevisionKey`): read once subscribed, every change above
   * it reaches the listener. Null when Redis does not answer within `revisionTimeoutMs`.
   */
  revision(eventId: string): Promise<number | null>;
  /** Closes the Redis connections (tests; the web server keeps its feed for its lifetime). */
  close(): void;
};

/**
 * One Redis subscriber shared by every open seat map of a web process: catalog publishes each
 * availability change on `seatMapChannel(eventId)`, and each browser watching that event gets it.
 * Every message is parsed with the channel's contract once, before any browser sees it: a message
 * that cannot be read, or that names another event than its channel, is dropped and logged; a
 * valid one is forwarded as the current version's change (JSON).
 */
export const createSeatMapFeed = ({
  redisUrl,
  log = (line) => console.error(line),
  revisionTimeoutMs = 250,
}: {
  redisUrl: string;
  log?: (line: string) => void;
  revisionTimeoutMs?: number;
}): SeatMapFeed => {
  let redis: Redis | null = null;
  // A subscribed connection takes no other commands: revisions are read on one of their own.
  let commands: Redis | null = null;
  const listeners = new Map<string, Set<Listener>>();
  const eventIdOf = new Map<string, string>();

  const deliver = (channel: string, message: string) => {
    const set = listeners.get(channel);
    if (!set || set.size === 0) return;
    const parsed = parseSeatMapChange(message);
    if (!parsed.ok) {
      log(
        `seat map feed: dropped a message on ${channel} that breaks the contract: ${parsed.error}`,
      );
      return;
    }
    if (parsed.change.eventId !== eventIdOf.get(channel)) {
      log(`seat map feed: dropped a message on ${channel} for event ${parsed.change.eventId}`);
      return;
    }
    const forwarded = JSON.stringify(parsed.change);
    for (const listener of set) listener(forwarded);
  };

  const connection = () => {
    if (redis) return redis;
    redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
    redis.on("message", deliver);
    redis.on("error", (error: Error) => log(`seat map feed: ${error.message}`));
    return redis;
  };

  return {
    async subscribe(eventId, listener) {
      const channel = seatMapChannel(eventId);
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        eventIdOf.set(channel, eventId);
      }
      set.add(listener);
      await connection().subscribe(channel);
      return () => {
        const current = listeners.get(channel);
        current?.delete(listener);
        if (current && current.size === 0) {
          listeners.delete(channel);
          eventIdOf.delete(channel);
          void redis?.unsubscribe(channel).catch(() => undefined);
        }
      };
    },
    async revision(eventId) {
      if (!commands) {
        commands = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
        commands.on("error", () => undefined); // the subscriber's connection logs Redis outages
      }
      return readSeatMapRevision(commands, eventId, revisionTimeoutMs);
    },
    close() {
      redis?.disconnect();
      redis = null;
      commands?.disconnect();
      commands = null;
    },
  };
};
