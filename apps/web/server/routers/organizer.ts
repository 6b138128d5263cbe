import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  CheckInInput,
  CreateEventForm,
  CreateVenueForm,
  EventIdInput,
  LayoutForm,
  OnSaleForm,
} from "../../lib/organizer-forms";
import { zonedTimeToUtc } from "../../lib/zoned-time";
import { adminProcedure, router, toFriendlyError } from "../trpc";

/** Listing from here includes every past event an organizer may look back on. */
const FAR_PAST = "2000-01-01T00:00:00.000Z";

/** Browser → web: one page of the organizer's events (drafts included), upcoming or past. */
export const OrganizerEventsInput = z.object({
  scope: z.enum(["upcoming", "past"]).default("upcoming"),
  /** Matches name, description, venue or city, as the storefront's search. */
  query: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
});
export type OrganizerEventsInput = z.infer<typeof OrganizerEventsInput>;

/**
 * The on-sale settings as catalog takes them: the organizer's wall-clock times in `timeZone` become
 * UTC instants (null when not set), the shopping window minutes become seconds.
 */
const onSaleForCatalog = (
  input: Pick<CreateEventForm, "salesOpenAt" | "salesCloseAt" | "waitingRoom">,
  timeZone: string,
) => {
  const instant = (field: "salesOpenAt" | "salesCloseAt") => {
    const local = input[field];
    if (!local) return null;
    const utc = zonedTimeToUtc(local, timeZone);
    if (!utc)
      throw new TRPCError({ code: "BAD_REQUEST", message: `${field}: not a date and time.` });
    return utc.toISOString();
  };
  return {
    salesOpenAt: instant("salesOpenAt"),
    salesCloseAt: instant("salesCloseAt"),
    waitingRoom: input.waitingRoom
      ? {
          admitPerMinute: input.waitingRoom.admitPerMinute,
          windowSeconds: input.waitingRoom.windowMinutes * 60,
        }
      : null,
  };
};

/** Seat counts of an event, and its takings once ordering answers. */
export type EventSalesView = {
  seats: { available: number; held: number; sold: number; total: number } | null;
  revenue: {
    ordersConfirmed: number;
    seatsSold: number;
    revenueCents: number;
    currency: string;
  } | null;
  /** Why revenue is missing (ordering not answering), for the page to say so. */
  revenueError: string | null;
  /** Per section, once the event is public (catalog serves seat maps of public events only). */
  sections: {
    name: string;
    tier: string;
    priceCents: number;
    currency: string;
    available: number;
    held: number;
    sold: number;
  }[];
};

export const organizerRouter = router({
  events: adminProcedure.input(OrganizerEventsInput).query(({ ctx, input }) => {
    const now = new Date().toISOString();
    return ctx.services.catalog.organizerEvents.query({
      limit: 25,
      cursor: input.cursor,
      query: input.query || undefined,
      ...(input.scope === "upcoming" ? { from: now } : { from: FAR_PAST, to: now }),
    });
  }),

  venues: adminProcedure.query(({ ctx }) => ctx.services.catalog.venues.query()),

  createVenue: adminProcedure
    .input(CreateVenueForm)
    .mutation(({ ctx, input }) => ctx.services.catalog.createVenue.mutate(input)),

  createEvent: adminProcedure.input(CreateEventForm).mutation(async ({ ctx, input }) => {
    const venues = await ctx.services.catalog.venues.query();
    const venue = venues.find((candidate) => candidate.id === input.venueId);
    if (!venue) throw new TRPCError({ code: "BAD_REQUEST", message: "venueId: Choose a venue." });
    const startsAt = zonedTimeToUtc(input.startsAt, venue.timeZone);
    if (!startsAt) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "startsAt: not a date and time." });
    }
    const event = await ctx.services.catalog.createEvent.mutate({
      name: input.name,
      description: input.description,
      venueId: venue.id,
      startsAt: startsAt.toISOString(),
      holdTtlSeconds: input.holdTtlMinutes * 60,
      ...(input.imagePath ? { imagePath: input.imagePath } : {}),
      ...onSaleForCatalog(input, venue.timeZone),
    });
    return { eventId: event.id };
  }),

  /** Sales opening and closing and the waiting room, typed in the event's own time zone. */
  updateOnSale: adminProcedure.input(OnSaleForm).mutation(async ({ ctx, input }) => {
    const event = await ctx.services.catalog.adminEvent.query({ eventId: input.eventId });
    return ctx.services.catalog.updateEvent.mutate({
      eventId: input.eventId,
      ...onSaleForCatalog(input, event.timeZone),
    });
  }),

  /** The waiting room's queue and admissions (inventory), polled by the event page. */
  waitingRoomStats: adminProcedure
    .input(EventIdInput)
    .query(({ ctx, input }) => ctx.services.inventory.waitingRoomStats.query(input)),

  pauseWaitingRoom: adminProcedure
    .input(EventIdInput)
    .mutation(({ ctx, input }) => ctx.services.inventory.pauseWaitingRoom.mutate(input)),

  resumeWaitingRoom: adminProcedure
    .input(EventIdInput)
    .mutation(({ ctx, input }) => ctx.services.inventory.resumeWaitingRoom.mutate(input)),

  event: adminProcedure
    .input(EventIdInput)
    .query(({ ctx, input }) => ctx.services.catalog.adminEvent.query(input)),

  generateLayout: adminProcedure
    .input(LayoutForm)
    .mutation(({ ctx, input }) => ctx.services.catalog.generateLayout.mutate(input)),

  publish: adminProcedure
    .input(EventIdInput)
    .mutation(({ ctx, input }) => ctx.services.catalog.publish.mutate(input)),

  cancel: adminProcedure
    .input(EventIdInput)
    .mutation(({ ctx, input }) => ctx.services.catalog.cancel.mutate(input)),

  /**
   * Sold / held / available from catalog's seat map (which follows inventory), revenue from
   * ordering's confirmed orders. Either may be missing; the page says which and why.
   */
  sales: adminProcedure
    .input(EventIdInput)
    .query(async ({ ctx, input }): Promise<EventSalesView> => {
      const [event, revenue, seatMap] = await Promise.all([
        ctx.services.catalog.adminEvent.query(input),
        ctx.services.ordering.eventSales.query(input).then(
          (value) => ({ value, error: null }),
          (error: unknown) => ({ value: null, error: toFriendlyError(error).message }),
        ),
        // A draft has no public seat map yet; the totals above still show.
        ctx.services.catalog.seatMap.query(input).catch(() => null),
      ]);
      const counts = event.availability;
      return {
        seats: counts ? { ...counts, total: counts.available + counts.held + counts.sold } : null,
        revenue: revenue.value,
        revenueError: revenue.error,
        sections:
          seatMap?.sections.map((section) => {
            const tier = seatMap.tiers[section.rows[0]?.tier ?? 0];
            return {
              name: section.name,
              tier: tier?.name ?? "",
              priceCents: tier?.priceCents ?? 0,
              currency: seatMap.currency,
              ...section.counts,
            };
          }) ?? [],
      };
    }),

  checkIn: adminProcedure
    .input(CheckInInput)
    .mutation(({ ctx, input }) => ctx.services.fulfillment.checkIn.mutate(input)),
});
