import {
  CancellationPolicy,
  MAX_HOLD_EXTENSION_MINUTES,
  WaitingRoomSettings,
} from "@marquee/events/contracts/catalog";
import { z } from "zod";
import { MAX_LAYOUT_SEATS, rowSeatCounts } from "../../domain/layout";
import { checkPlacements, MAX_VENUE_EXTENT } from "../../domain/venue-shape";
import { WALL_CLOCK_TIME } from "../../domain/zoned-time";

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};
const TimeZone = z.string().min(1).refine(isTimeZone, "not an IANA time zone (e.g. Europe/Paris)");
const Instant = z.iso.datetime({ offset: true });
/**
 * An event's time: an instant with its offset, or wall-clock time (`YYYY-MM-DDTHH:mm[:ss]`) in
 * the event's time zone, as organizers read it on the poster (`resolveEventTimes`).
 */
const EventTime = z
  .string()
  .refine(
    (value) => WALL_CLOCK_TIME.test(value) || Instant.safeParse(value).success,
    "an instant with its offset (2026-12-01T19:00:00Z) or a wall-clock time in the event's time zone (2026-12-01T20:00)",
  );
const ImagePath = z
  .string()
  .regex(/^\/[\w./-]+$/, "a path on the web app, e.g. /events/jazz-night.svg")
  .max(300);

/** Web → catalog: published events, soonest first, filtered by text and start time. */
export const ListEventsInput = z
  .object({
    query: z.string().max(200).optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), {
    path: ["to"],
    message: "must not be before from",
  });
export type ListEventsInput = z.infer<typeof ListEventsInput>;

/** Organizer (web) → catalog: every event, drafts and cancelled ones too, optionally one status. */
export const OrganizerEventsInput = z
  .object({
    query: z.string().max(200).optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    status: z.enum(["draft", "published", "cancelled"]).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), {
    path: ["to"],
    message: "must not be before from",
  });
export type OrganizerEventsInput = z.infer<typeof OrganizerEventsInput>;

/** Web → catalog: one event, its seat map, or a section's seat ids. */
export const EventIdInput = z.object({ eventId: z.uuid() });
export type EventIdInput = z.infer<typeof EventIdInput>;

/** Web → catalog: seat ids of one section (index into seatMap's `sections`). */
export const SeatIdsInput = z.object({ eventId: z.uuid(), section: z.number().int().min(0) });
export type SeatIdsInput = z.infer<typeof SeatIdsInput>;

/** Organizer (web) → catalog: a new venue. */
export const CreateVenueInput = z.object({
  name: z.string().trim().min(1).max(200),
  city: z.string().trim().min(1).max(200),
  timeZone: TimeZone,
});
export type CreateVenueInput = z.infer<typeof CreateVenueInput>;

/** Minutes a customer may add to a hold, once (0: none). */
const HoldExtensionMinutes = z
  .number()
  .int("whole minutes")
  .min(0, "0 (no extension) or more")
  .max(MAX_HOLD_EXTENSION_MINUTES, `at most ${MAX_HOLD_EXTENSION_MINUTES} minutes`);

/** Organizer (web) → catalog: a new draft event at a venue. */
export const CreateEventInput = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5_000).default(""),
  startsAt: EventTime,
  venueId: z.uuid(),
  timeZone: TimeZone.optional(),
  imagePath: ImagePath.optional(),
  holdTtlSeconds: z.number().int().min(60).max(3_600).default(900),
  /** Minutes a customer may add to a hold, once; 0 (the default): holds cannot be extended. */
  holdExtensionMinutes: HoldExtensionMinutes.default(0),
  /** Null: on sale once published. */
  salesOpenAt: EventTime.nullable().default(null),
  /** Null: on sale until the event starts. */
  salesCloseAt: EventTime.nullable().default(null),
  /** Null: no waiting room. */
  waitingRoom: WaitingRoomSettings.nullable().default(null),
  /** Absent: customers may not cancel. */
  cancellation: CancellationPolicy.optional(),
});
export type CreateEventInput = z.infer<typeof CreateEventInput>;

/** Organizer (web) → catalog: change an event's details (only the fields given). */
export const UpdateEventInput = z.object({
  eventId: z.uuid(),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5_000).optional(),
  startsAt: EventTime.optional(),
  timeZone: TimeZone.optional(),
  imagePath: ImagePath.nullable().optional(),
  holdTtlSeconds: z.number().int().min(60).max(3_600).optional(),
  /** Applies to holds extended from then on; 0 stops extensions. */
  holdExtensionMinutes: HoldExtensionMinutes.optional(),
  /** Null clears it (on sale once published); absent leaves it as it is. */
  salesOpenAt: EventTime.nullable().optional(),
  salesCloseAt: EventTime.nullable().optional(),
  waitingRoom: WaitingRoomSettings.nullable().optional(),
  /** Replaces the policy as a whole; absent leaves it as it is. */
  cancellation: CancellationPolicy.optional(),
});
export type UpdateEventInput = z.infer<typeof UpdateEventInput>;

/** A coordinate or size in venue units (one unit = one seat's width). */
const VenueCoordinate = z
  .number("a number of venue units (one unit is one seat's width)")
  .min(-MAX_VENUE_EXTENT, `at least -${MAX_VENUE_EXTENT}`)
  .max(MAX_VENUE_EXTENT, `at most ${MAX_VENUE_EXTENT}`);
const VenueSize = z
  .number("a number of venue units (one unit is one seat's width)")
  .min(1, "at least 1 unit")
  .max(MAX_VENUE_EXTENT, `at most ${MAX_VENUE_EXTENT}`);

/** Organizer (web) → catalog, and catalog → web in the seat map: where a section sits. */
export const SectionPlacement = z.strictObject({
  x: VenueCoordinate,
  y: VenueCoordinate,
  rotation: z
    .number("degrees clockwise, e.g. 90")
    .min(-360, "between -360 and 360 degrees")
    .max(360, "between -360 and 360 degrees"),
  /** Absent: straight rows. */
  radius: VenueSize.optional(),
});

/** Organizer (web) → catalog, and catalog → web in the seat map: the stage or pitch. */
export const StageShape = z.strictObject({
  label: z.string().trim().min(1, "name it, e.g. Stage or Pitch").max(40, "at most 40 characters"),
  shape: z.enum(["rectangle", "ellipse"]).default("rectangle"),
  x: VenueCoordinate,
  y: VenueCoordinate,
  width: VenueSize,
  height: VenueSize,
});

/**
 * Organizer (web) → catalog: sections of rows × seats, each at a named price tier; optionally each
 * section's place around a stage or pitch (all sections or none).
 */
export const GenerateLayoutInput = z
  .object({
    eventId: z.uuid(),
    currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as EUR"),
    tiers: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(60),
          priceCents: z.number().int().min(0).max(10_000_000),
        }),
      )
      .min(1)
      .max(20),
    sections: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(60),
          rows: z.number().int().min(1).max(200),
          seatsPerRow: z.number().int().min(1).max(500),
          /** Curved rows only: rows behind the front one hold more seats, keeping its angle. */
          widenRows: z.boolean().optional(),
          tier: z.string().min(1),
          placement: SectionPlacement.optional(),
        }),
      )
      .min(1)
      .max(200),
    stage: StageShape.optional(),
  })
  .superRefine((input, ctx) => {
    const tierNames = new Set<string>();
    input.tiers.forEach((tier, i) => {
      if (tierNames.has(tier.name))
        ctx.addIssue({
          code: "custom",
          path: ["tiers", i, "name"],
          message: `duplicate tier "${tier.name}"`,
        });
      tierNames.add(tier.name);
    });
    const sectionNames = new Set<string>();
    let seats = 0;
    input.sections.forEach((section, i) => {
      if (sectionNames.has(section.name))
        ctx.addIssue({
          code: "custom",
          path: ["sections", i, "name"],
          message: `duplicate section "${section.name}"`,
        });
      sectionNames.add(section.name);
      if (!tierNames.has(section.tier))
        ctx.addIssue({
          code: "custom",
          path: ["sections", i, "tier"],
          message: `unknown tier "${section.tier}"; tiers are ${[...tierNames].join(", ")}`,
        });
      seats += rowSeatCounts(section).reduce((sum, count) => sum + count, 0);
    });
    for (const issue of checkPlacements(input.sections))
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    if (seats > MAX_LAYOUT_SEATS)
      ctx.addIssue({
        code: "custom",
        path: ["sections"],
        message: `${seats} seats; at most ${MAX_LAYOUT_SEATS} per layout`,
      });
  });
export type GenerateLayoutInput = z.infer<typeof GenerateLayoutInput>;
