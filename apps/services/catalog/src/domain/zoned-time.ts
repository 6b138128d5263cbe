import { zonedTimeToUtc } from "@marquee/tickets/zoned-time";

/** Wall-clock time without an offset: read in the event's (or venue's) time zone. */
export const WALL_CLOCK_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * An event time as organizers may give it: a UTC instant with its offset (`…Z`, `…+01:00`), or
 * wall-clock time (`2026-12-01T20:00`) in `timeZone`. Null when it is neither.
 */
export const eventTimeToInstant = (value: string, timeZone: string): Date | null => {
  if (WALL_CLOCK_TIME.test(value)) return zonedTimeToUtc(value, timeZone);
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
};
