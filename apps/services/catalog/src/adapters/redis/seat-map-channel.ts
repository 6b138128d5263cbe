import {
  encodeSeatMapChange,
  PUBLISH_SEAT_MAP_CHANGE,
  readSeatMapRevision,
  seatMapChannel,
  seatMapRevisionKey,
  type SeatMapChange,
} from "@marquee/events/contracts/seat-map-channel";
import type { Redis } from "@marquee/service/redis";

export type SeatMapPublisher = (change: SeatMapChange) => Promise<void>;

/**
 * Publishes a committed seat-map change on the event's live channel and raises the event's
 * seat-map revision in the same script (contract in `@marquee/events/contracts/seat-map-channel`).
 * A change that breaks the contract throws here instead of reaching the browsers.
 */
export const createSeatMapPublisher =
  (redis: Redis): SeatMapPublisher =>
  async (change) => {
    const message = encodeSeatMapChange(change);
    await redis.eval(
      PUBLISH_SEAT_MAP_CHANGE,
      1,
      seatMapRevisionKey(change.eventId),
      seatMapChannel(change.eventId),
      message,
    );
  };

/** An event's seat-map revision, or null when Redis does not answer in time. */
export type SeatMapRevisionReader = (eventId: string) => Promise<number | null>;

/**
 * Reads the revision for a seat map about to be read. Redis being slow or away costs the browser
 * a second fetch of the map (a null revision), never the map itself: the read gives up after
 * `timeoutMs`.
 */
export const createSeatMapRevisionReader =
  (redis: Redis, timeoutMs = 250): SeatMapRevisionReader =>
  (eventId) =>
    readSeatMapRevision(redis, eventId, timeoutMs);
