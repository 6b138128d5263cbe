import { findEvent, findVenue } from "../adapters/db/catalog-store";
import { err, ok, type EventTimeField, type Result } from "../domain/errors";
import { eventTimeToInstant, WALL_CLOCK_TIME } from "../domain/zoned-time";
import type { CatalogDeps } from "./deps";

/** An event's times as given: instants with an offset, or wall-clock times in its zone. */
export type EventTimesInput = Partial<Record<EventTimeField, string | null>>;
export type EventTimes = Partial<Record<EventTimeField, Date | null>>;

/** Whose time zone wall-clock times are read in: a new event's venue, or an existing event. */
export type TimeZoneOf =
  { venueId: string; timeZone?: string } | { eventId: string; timeZone?: string };

const zoneOf = async (deps: CatalogDeps, of: TimeZoneOf): Promise<Result<string>> => {
  if (of.timeZone) return ok(of.timeZone);
  if ("venueId" in of) {
    const venue = await findVenue(deps.db, of.venueId);
    return venue ? ok(venue.timeZone) : err({ kind: "venue-not-found", venueId: of.venueId });
  }
  const event = await findEvent(deps.db, of.eventId);
  return event ? ok(event.timeZone) : err({ kind: "event-not-found", eventId: of.eventId });
};

/**
 * The instants of an event's times. Organizers type the time printed on the poster, in the
 * venue's zone, so a time without an offset is read in the event's zone (the one given, else the
 * event's, else its venue's), DST included. Absent stays absent and null stays null (cleared).
 */
export const resolveEventTimes = async (
  deps: CatalogDeps,
  of: TimeZoneOf,
  times: EventTimesInput,
): Promise<Result<EventTimes>> => {
  const given = (Object.entries(times) as [EventTimeField, string | null | undefined][]).filter(
    (entry): entry is [EventTimeField, string | null] => entry[1] !== undefined,
  );
  const needsZone = given.some(([, value]) => value !== null && WALL_CLOCK_TIME.test(value));
  const zone = needsZone ? await zoneOf(deps, of) : ok("UTC");
  if (!zone.ok) return zone;
  const resolved: EventTimes = {};
  for (const [field, value] of given) {
    if (value === null) {
      resolved[field] = null;
      continue;
    }
    const instant = eventTimeToInstant(value, zone.value);
    if (!instant) return err({ kind: "invalid-time", field, value });
    resolved[field] = instant;
  }
  return ok(resolved);
};
