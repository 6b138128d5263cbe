import "server-only";
import type { Services } from "./services";

/** An event a door staff member may work, as the desk's picker shows it. */
export type StaffDoorEvent = {
  id: string;
  name: string;
  startsAt: string;
  timeZone: string;
  venueName: string;
};

/**
 * The events a door staff member was given (`doorEvents`, from their sign-in) that are published
 * and started at most `startedUpToMs` ago, soonest first. Catalog's organizer listing is for
 * organizers only, so each is read from catalog's public event (a staff list is short).
 */
export const staffDoorEvents = async (
  catalog: Services["catalog"],
  doorEvents: readonly string[],
  startedUpToMs: number,
): Promise<StaffDoorEvent[]> => {
  const since = Date.now() - startedUpToMs;
  const events = await Promise.all(
    doorEvents.map((eventId) => catalog.event.query({ eventId }).catch(() => null)),
  );
  return events
    .filter((event) => event !== null)
    .filter((event) => event.status === "published" && Date.parse(event.startsAt) >= since)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .map((event) => ({
      id: event.id,
      name: event.name,
      startsAt: event.startsAt,
      timeZone: event.timeZone,
      venueName: event.venue.name,
    }));
};
