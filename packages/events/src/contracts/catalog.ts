import { z } from "zod";
import { defineEvent } from "../define-event";
import { Cents, Currency } from "../envelope";
import { Topics } from "../topics";

const EventStatus = z.enum(["draft", "published", "cancelled"]);

/** An event's waiting room: visitors let through per minute, and how long each may then shop. */
export const WaitingRoomSettings = z.object({
  admitPerMinute: z.number().int().min(1).max(10_000),
  windowSeconds: z.number().int().min(60).max(3_600),
});
export type WaitingRoomSettings = z.infer<typeof WaitingRoomSettings>;

/**
 * Whether and until when a buyer may cancel their own tickets (catalog → ordering, web): allowed up
 * to `hoursBefore` hours before the start, minus an optional fee, either fixed (`feeCents`) or a
 * share of the seats' price (`feeBasisPoints`, 250 = 2.5 %), never both; the fee never exceeds
 * what the seats cost (ordering caps it).
 */
export const CancellationPolicy = z
  .object({
    allowed: z.boolean(),
    hoursBefore: z
      .number("hoursBefore: a whole number of hours")
      .int("hoursBefore: a whole number of hours")
      .min(0, "hoursBefore: 0 or more hours before the start")
      .max(8_760, "hoursBefore: at most 8760 hours (a year) before the start"),
    feeCents: Cents.max(10_000_000, "feeCents: at most 10000000").nullable().default(null),
    feeBasisPoints: z
      .number()
      .int("feeBasisPoints: whole basis points (250 = 2.5 %)")
      .min(0, "feeBasisPoints: 0 or more")
      .max(10_000, "feeBasisPoints: at most 10000 (100 %)")
      .nullable()
      .default(null),
  })
  .refine((p) => p.feeCents === null || p.feeBasisPoints === null, {
    path: ["feeBasisPoints"],
    message: "feeBasisPoints: a fee is either fixed (feeCents) or a percentage, not both",
  });
export type CancellationPolicy = z.infer<typeof CancellationPolicy>;

/** What an event without a policy (and every message written before policies) means. */
export const NO_CANCELLATION: CancellationPolicy = {
  allowed: false,
  hoursBefore: 0,
  feeCents: null,
  feeBasisPoints: null,
};

/** The most minutes an organizer may let a hold be extended by. */
export const MAX_HOLD_EXTENSION_MINUTES = 15;

// Added after version 1 went out: nullable with a default, so messages written before still parse.
const salesFields = {
  /** When sales open (UTC); null: on sale once published. */
  salesOpenAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** When sales close (UTC); null: until the event starts. */
  salesCloseAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** Null: no waiting room. */
  waitingRoom: WaitingRoomSettings.nullable().default(null),
  /** Default: customers may not cancel. */
  cancellation: CancellationPolicy.default(NO_CANCELLATION),
  /** Minutes a customer may add to a hold, once (0: holds cannot be extended). */
  holdExtensionMinutes: z.number().int().min(0).max(MAX_HOLD_EXTENSION_MINUTES).default(0),
};

/** Catalog → web, inventory, ordering: an event went on sale (from `salesOpenAt`, if set). */
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
    ...salesFields,
  }),
});

/** Catalog → inventory, ordering: details, status, hold TTL or extension, sales window, waiting room or cancellation policy changed. */
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
    ...salesFields,
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
