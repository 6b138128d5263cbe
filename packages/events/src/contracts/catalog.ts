import { z } from "zod";
import { defineEvent } from "../define-event";
import { Cents, Currency } from "../envelope";
import { Topics } from "../topics";

const EventStatus = z.enum(["draft", "published", "cancelled"]);

/** Catalog → web, inventory: an event went on sale. */
export const EventPublished = defineEvent({
  type: "catalog.event-published",
  topic: Topics.catalogEvents,
  version: 1,
  data: z.object({
    eventId: z.uuid(),
    name: z.string().min(1),
    venueId: z.uuid(),
    venueName: z.string().min(1),
    startsAt: z.iso.datetime({ offset: true }),
    timeZone: z.string().min(1),
    holdTtlSeconds: z.number().int().positive(),
  }),
});

/** Catalog → inventory, ordering: details, status or hold TTL of an event changed. */
export const EventUpdated = defineEvent({
  type: "catalog.event-updated",
  topic: Topics.catalogEvents,
  version: 1,
  data: z.object({
    eventId: z.uuid(),
    name: z.string().min(1),
    startsAt: z.iso.datetime({ offset: true }),
    timeZone: z.string().min(1),
    status: EventStatus,
    holdTtlSeconds: z.number().int().positive(),
  }),
});

export const GeneratedSeat = z.object({
  seatId: z.uuid(),
  section: z.string().min(1),
  row: z.string().min(1),
  number: z.number().int().positive(),
  tier: z.string().min(1),
  priceCents: Cents,
  accessible: z.boolean(),
});
export type GeneratedSeat = z.infer<typeof GeneratedSeat>;

/**
 * Catalog → inventory: the seats of an event's layout. A stadium has tens of thousands of seats,
 * more than one Kafka message should carry, so a layout is published as `parts` chunks; inventory
 * creates stock per chunk, idempotently.
 */
export const SeatsGenerated = defineEvent({
  type: "catalog.seats-generated",
  topic: Topics.catalogEvents,
  version: 1,
  data: z.object({
    eventId: z.uuid(),
    layoutId: z.uuid(),
    part: z.number().int().positive(),
    parts: z.number().int().positive(),
    currency: Currency,
    holdTtlSeconds: z.number().int().positive(),
    seats: z.array(GeneratedSeat).min(1),
  }),
});

export const catalogEvents = [EventPublished, EventUpdated, SeatsGenerated] as const;
