import type { EventOfType } from "@marquee/events/registry";
import { upsertPublishedEvent, upsertUpdatedEvent, type SqlTx } from "../adapters/db/ticket-store";

/** Keeps what a ticket prints about its event: name, venue, start and the venue's time zone. */
export const recordPublishedEvent = (
  tx: SqlTx,
  { data }: EventOfType<"catalog.event-published">,
): Promise<void> =>
  upsertPublishedEvent(tx, {
    eventId: data.eventId,
    name: data.name,
    venueName: data.venueName,
    startsAt: new Date(data.startsAt),
    timeZone: data.timeZone,
  });

/** A moved or renamed event: tickets (and their PDFs) show the new details from now on. */
export const recordUpdatedEvent = (
  tx: SqlTx,
  { data }: EventOfType<"catalog.event-updated">,
): Promise<void> =>
  upsertUpdatedEvent(tx, {
    eventId: data.eventId,
    name: data.name,
    startsAt: new Date(data.startsAt),
    timeZone: data.timeZone,
  });
