import type { Redis } from "@marquee/service/redis";
import type { SeatState } from "../../domain/seat-map";

/** Redis pub/sub channel of one event's live seat map changes. */
export const seatMapChannel = (eventId: string): string => `seatmap:${eventId}`;

/**
 * Catalog → web (live seat map): seats of one event changed state. `seats[i]` is
 * `[section index, seat index]` of `seatIds[i]` in the seat map, so a client can repaint without
 * knowing any seat ids.
 */
export type SeatMapChange = {
  eventId: string;
  state: SeatState;
  seatIds: string[];
  seats: Array<[number, number]>;
};

export type SeatMapPublisher = (change: SeatMapChange) => Promise<void>;

export const createSeatMapPublisher =
  (redis: Redis): SeatMapPublisher =>
  async (change) => {
    await redis.publish(seatMapChannel(change.eventId), JSON.stringify(change));
  };
