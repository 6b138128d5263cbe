import {
  encodeSeatMapChange,
  seatMapChannel,
  type SeatMapChange,
} from "@marquee/events/contracts/seat-map-channel";
import type { Redis } from "@marquee/service/redis";

export type SeatMapPublisher = (change: SeatMapChange) => Promise<void>;

/**
 * Publishes a committed seat-map change on the event's live channel (contract in
 * `@marquee/events/contracts/seat-map-channel`). A change that breaks the contract throws here
 * instead of reaching the browsers.
 */
export const createSeatMapPublisher =
  (redis: Redis): SeatMapPublisher =>
  async (change) => {
    await redis.publish(seatMapChannel(change.eventId), encodeSeatMapChange(change));
  };
