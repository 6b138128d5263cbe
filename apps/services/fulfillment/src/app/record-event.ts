import type { EventLog } from "@marquee/events/log";
import type { EventOfType } from "@marquee/events/registry";
import {
  upsertPublishedEvent,
  upsertUpdatedEvent,
  voidTicketsOfEvent,
  type SqlTx,
} from "../adapters/db/ticket-store";
import { EVENT_CANCELLED_REASON } from "../domain/void-reasons";

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

/**
 * A moved or renamed event: tickets (and their PDFs) show the new details from now on. A cancelled
 * event voids its tickets, so the door refuses them and no desk expects them.
 */
export const recordUpdatedEvent = async (
  tx: SqlTx,
  { data, occurredAt }: EventOfType<"catalog.event-updated">,
  log: EventLog,
): Promise<void> => {
  await upsertUpdatedEvent(tx, {
    eventId: data.eventId,
    name: data.name,
    startsAt: new Date(data.startsAt),
    timeZone: data.timeZone,
    status: data.status,
  });
  if (data.status === "cancelled") {
    const voided = await voidTicketsOfEvent(
      tx,
      data.eventId,
      new Date(occurredAt),
      EVENT_CANCELLED_REASON,
    );
    log.info({ eventId: data.eventId, voided }, "event cancelled: its tickets are void");
  }
};
