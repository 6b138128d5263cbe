// The organizer's forms, parsed twice with the same schema: in the browser, so each field shows its
// own message before anything is sent, and by the web's tRPC router, which trusts nothing.
import { z } from "zod";

/** Wall-clock time as `<input type="datetime-local" step="1">` gives it, seconds optional. */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * Whether and until when buyers may cancel, and the fee: none, a fixed amount in the event's
 * currency (2.00) or a percentage of the tickets' price (2.5). Absent: no cancellations.
 */
export const CancellationForm = z
  .object({
    allowed: z.boolean(),
    hoursBefore: z
      .number("Give how many hours before the start cancelling closes.")
      .int("Whole hours only.")
      .min(0, "0 hours or more.")
      .max(8_760, "At most 8,760 hours (a year)."),
    feeKind: z.enum(["none", "fixed", "percent"], "Choose the kind of fee."),
    fee: z
      .number("Give the fee.")
      .min(0, "A fee cannot be negative.")
      .max(100_000, "At most 100,000."),
  })
  .superRefine((value, ctx) => {
    if (value.feeKind === "percent" && value.fee > 100)
      ctx.addIssue({ code: "custom", path: ["fee"], message: "At most 100 %." });
  });
export type CancellationForm = z.infer<typeof CancellationForm>;

export const NO_CANCELLATION_FORM: CancellationForm = {
  allowed: false,
  hoursBefore: 0,
  feeKind: "none",
  fee: 0,
};

/** The form's policy as catalog takes it: cents or basis points, rounded to whole units. */
export const cancellationForCatalog = (form: CancellationForm) => ({
  allowed: form.allowed,
  hoursBefore: form.allowed ? form.hoursBefore : 0,
  feeCents: form.allowed && form.feeKind === "fixed" ? Math.round(form.fee * 100) : null,
  feeBasisPoints: form.allowed && form.feeKind === "percent" ? Math.round(form.fee * 100) : null,
});

/**
 * When sales open and close, and the waiting room, as the organizer types them: times are
 * wall-clock in the event's time zone ("" = not set), the shopping window in minutes.
 */
export const OnSaleFields = {
  salesOpenAt: z
    .string()
    .regex(LOCAL_TIME, "Give the date and time sales open, or leave it empty.")
    .or(z.literal(""))
    .default(""),
  salesCloseAt: z
    .string()
    .regex(LOCAL_TIME, "Give the date and time sales close, or leave it empty.")
    .or(z.literal(""))
    .default(""),
  waitingRoom: z
    .object({
      admitPerMinute: z
        .number("Give how many visitors are let in per minute.")
        .int("A whole number of visitors.")
        .min(1, "At least 1 visitor per minute.")
        .max(10_000, "At most 10,000 visitors per minute."),
      windowMinutes: z
        .number("Give the shopping window in minutes.")
        .int("Whole minutes only.")
        .min(1, "At least 1 minute.")
        .max(60, "At most 60 minutes."),
    })
    .nullable()
    .default(null),
  cancellation: CancellationForm.default(NO_CANCELLATION_FORM),
};

/** Closing before opening is refused next to the closing time (same zone, so text order is time order). */
const closesAfterOpening = (
  value: { salesOpenAt: string; salesCloseAt: string },
  ctx: z.RefinementCtx,
) => {
  if (value.salesOpenAt && value.salesCloseAt && value.salesCloseAt <= value.salesOpenAt) {
    ctx.addIssue({
      code: "custom",
      path: ["salesCloseAt"],
      message: "Sales must close after they open.",
    });
  }
};

/** Browser → web: a new draft event; `startsAt` is wall-clock time in the venue's time zone. */
export const CreateEventForm = z
  .object({
    name: z.string().trim().min(1, "Give the event a name.").max(200, "At most 200 characters."),
    description: z.string().trim().max(5_000, "At most 5,000 characters.").default(""),
    venueId: z.uuid("Choose a venue."),
    startsAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Give the date and time the doors open."),
    holdTtlMinutes: z
      .number("Give the hold time in minutes.")
      .int("Whole minutes only.")
      .min(1, "At least 1 minute.")
      .max(60, "At most 60 minutes."),
    holdExtensionMinutes: z
      .number("Give the extension in minutes, or 0 for none.")
      .int("Whole minutes only.")
      .min(0, "0 (no extension) or more.")
      .max(15, "At most 15 minutes.")
      .default(0),
    imagePath: z
      .string()
      .trim()
      .regex(/^(\/[\w./-]+)?$/, "A path on this site, e.g. /events/jazz-night.svg.")
      .max(300, "At most 300 characters.")
      .optional(),
    ...OnSaleFields,
  })
  .superRefine(closesAfterOpening);
export type CreateEventForm = z.infer<typeof CreateEventForm>;

/** Browser → web: an event's on-sale settings changed (times in the event's own time zone). */
export const OnSaleForm = z
  .object({ eventId: z.uuid(), ...OnSaleFields })
  .superRefine(closesAfterOpening);
export type OnSaleForm = z.infer<typeof OnSaleForm>;

/** Browser → web: a new venue (name, city, IANA time zone). */
export const CreateVenueForm = z.object({
  name: z.string().trim().min(1, "Give the venue a name.").max(200, "At most 200 characters."),
  city: z.string().trim().min(1, "Give the city.").max(200, "At most 200 characters."),
  timeZone: z
    .string()
    .trim()
    .min(1, "Give the time zone, e.g. Europe/Madrid.")
    .max(100, "At most 100 characters."),
});
export type CreateVenueForm = z.infer<typeof CreateVenueForm>;

const VenueNumber = z
  .number("Type a number of seat widths, e.g. 12 or -4.5.")
  .min(-10_000, "At least -10,000.")
  .max(10_000, "At most 10,000.");
const VenueSize = z
  .number("Type a number of seat widths, e.g. 20.")
  .min(1, "At least 1.")
  .max(10_000, "At most 10,000.");

/** Where a section sits around the stage (catalog's README, Venue shape), in seat widths. */
export const PlacementForm = z.object({
  x: VenueNumber,
  y: VenueNumber,
  rotation: z
    .number("Type the turn in degrees, e.g. 0 or 45.")
    .min(-360, "Between -360 and 360 degrees.")
    .max(360, "Between -360 and 360 degrees."),
  radius: VenueSize.optional(),
});

/** The stage or pitch the sections face. */
export const StageForm = z.object({
  label: z
    .string()
    .trim()
    .min(1, "Name it, e.g. Stage or Pitch.")
    .max(40, "At most 40 characters."),
  shape: z.enum(["rectangle", "ellipse"]),
  x: VenueNumber,
  y: VenueNumber,
  width: VenueSize,
  height: VenueSize,
});

/** Browser → web: a seat layout, sections of rows × seats at named price tiers (prices in cents). */
export const LayoutForm = z.object({
  eventId: z.uuid(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "A currency code such as EUR."),
  tiers: z
    .array(
      z.object({
        name: z.string().trim().min(1, "Name the tier.").max(60, "At most 60 characters."),
        // The builder reads "35" or "35.50" as cents and anything else as NaN, which lands here.
        priceCents: z
          .number("Type the price as a number, e.g. 35 or 35.50.")
          .int("Type the price as a number, e.g. 35 or 35.50.")
          .min(0, "A price cannot be negative.")
          .max(10_000_000, "At most 100,000.00."),
      }),
    )
    .min(1, "Add at least one price tier."),
  sections: z
    .array(
      z.object({
        name: z.string().trim().min(1, "Name the section.").max(60, "At most 60 characters."),
        rows: z
          .number("Type how many rows, e.g. 10.")
          .int("A whole number of rows.")
          .min(1, "At least 1 row.")
          .max(200, "At most 200 rows."),
        seatsPerRow: z
          .number("Type how many seats each row has, e.g. 20.")
          .int("A whole number of seats.")
          .min(1, "At least 1 seat per row.")
          .max(500, "At most 500 seats per row."),
        widenRows: z.boolean().optional(),
        tier: z.string().min(1, "Choose a tier."),
        placement: PlacementForm.optional(),
      }),
    )
    .min(1, "Add at least one section."),
  stage: StageForm.optional(),
});
export type LayoutForm = z.infer<typeof LayoutForm>;

export const EventIdInput = z.object({ eventId: z.uuid() });
export type EventIdInput = z.infer<typeof EventIdInput>;

/** Field path ("sections.1.rows") → first message, from a failed parse. */
export const fieldErrors = (error: z.ZodError): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    errors[key] ??= issue.message;
  }
  return errors;
};

/** "sections[1].placement.radius" at the start of a refusal, before its ": " and message. */
const FIELD_PATH = "[a-zA-Z]+(?:\\[\\d+\\]|\\.[a-zA-Z]+)*";

/**
 * A service's field-named refusal as the form's field paths and messages, so each shows next to
 * its field; null when it names no field. A service refuses bad input with "Invalid input: " and
 * one "path: message" per field, joined by "; " ("Invalid input: sections[0].placement.radius: a
 * row of 30 seats wraps around a circle of radius 3; use a radius of at least 5; stage.width: at
 * least 1 unit"); a refusal of its own may name one field without the prefix.
 */
export const serviceFieldErrors = (message: string): Record<string, string> | null => {
  const issues = message.replace(/^Invalid input: /, "").split(new RegExp(`; (?=${FIELD_PATH}: )`));
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const match = new RegExp(`^(${FIELD_PATH}): (.+)$`, "s").exec(issue);
    if (!match?.[1] || !match[2]) return null;
    errors[match[1].replace(/\[(\d+)\]/g, ".$1")] ??= match[2];
  }
  return errors;
};
