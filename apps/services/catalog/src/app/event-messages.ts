import { EventPublished, EventUpdated } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import type { EventRow } from "../adapters/db/catalog-store";
import { cancellationView, salesView } from "./event-view";

export type Cause = { correlationId: string; causationId?: string };

export const eventPublished = (row: EventRow, cause: Cause) =>
  createEvent(EventPublished, {
    key: row.id,
    ...cause,
    data: {
      eventId: row.id,
      name: row.name,
      venueId: row.venue.id,
      venueName: row.venue.name,
      startsAt: row.startsAt.toISOString(),
      timeZone: row.timeZone,
      holdTtlSeconds: row.holdTtlSeconds,
      holdExtensionMinutes: row.holdExtensionMinutes,
      ...salesView(row),
      cancellation: cancellationView(row),
    },
  });

export const eventUpdated = (row: EventRow, cause: Cause) =>
  createEvent(EventUpdated, {
    key: row.id,
    ...cause,
    data: {
      eventId: row.id,
      name: row.name,
      startsAt: row.startsAt.toISOString(),
      timeZone: row.timeZone,
      status: row.status,
      holdTtlSeconds: row.holdTtlSeconds,
      holdExtensionMinutes: row.holdExtensionMinutes,
      ...salesView(row),
      cancellation: cancellationView(row),
    },
  });
