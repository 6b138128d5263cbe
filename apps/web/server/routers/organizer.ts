import { z } from "zod";
import {
  CreateEventForm,
  CreateVenueForm,
  EventIdInput,
  LayoutForm,
  OnSaleForm,
  cancellationForCatalog,
} from "../../lib/organizer-forms";
import { adminProcedure, router, toFriendlyError } from "../trpc";

/** Browser → web: refund a whole order (no seats ticked) or the ticked seats, with a reason. */
export const RefundOrderForm = z.object({
  orderId: z.uuid(),
  seatIds: z.array(z.uuid()).max(100).default([]),
  reason: z.string().trim().min(1, "Say why, for the buyer").max(500),
  seatsTo: z.enum(["available", "blocked"]),
});
export type RefundOrderForm = z.infer<typeof RefundOrderForm>;

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
 * The on-sale settings as catalog takes them: times stay the organizer's wall-clock times ("" =
 * not set), which catalog reads in the event's zone; the shopping window minutes become seconds.
 */
const onSaleForCatalog = (
  input: Pick<CreateEventForm, "salesOpenAt" | "salesCloseAt" | "waitingRoom" | "cancellation">,
) => ({
  salesOpenAt: input.salesOpenAt || null,
  salesCloseAt: input.salesCloseAt || null,
  waitingRoom: input.waitingRoom
    ? {
        admitPerMinute: input.waitingRoom.admitPerMinute,
        windowSeconds: input.waitingRoom.windowMinutes * 60,
      }
    : null,
  cancellation: cancellationForCatalog(input.cancellation),
});

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

  /** The start and sales times are wall-clock in the venue's zone; catalog converts them. */
  createEvent: adminProcedure.input(CreateEventForm).mutation(async ({ ctx, input }) => {
    const event = await ctx.services.catalog.createEvent.mutate({
      name: input.name,
      description: input.description,
      venueId: input.venueId,
      startsAt: input.startsAt,
      holdTtlSeconds: input.holdTtlMinutes * 60,
      holdExtensionMinutes: input.holdExtensionMinutes,
      ...(input.imagePath ? { imagePath: input.imagePath } : {}),
      ...onSaleForCatalog(input),
    });
    return { eventId: event.id };
  }),

  /** Sales opening and closing and the waiting room, typed in the event's own time zone. */
  updateOnSale: adminProcedure.input(OnSaleForm).mutation(({ ctx, input }) =>
    ctx.services.catalog.updateEvent.mutate({
      eventId: input.eventId,
      ...onSaleForCatalog(input),
    }),
  ),

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

  /** The event's orders that took money, newest first, with their seats and refunds. */
  orders: adminProcedure
    .input(EventIdInput)
    .query(({ ctx, input }) => ctx.services.ordering.eventOrders.query(input)),

  /** Ordering decides what is owed and asks payment; the answer shows the refund `requested`. */
  refundOrder: adminProcedure
    .input(RefundOrderForm)
    .mutation(({ ctx, input }) => ctx.services.ordering.refundOrder.mutate(input)),

  /**
   * A cancelled event's refunds as ordering drives them: "18 of 40 orders refunded", the money
   * back, carts still open, and whether it is all done. The event page polls it.
   */
  cancellation: adminProcedure
    .input(EventIdInput)
    .query(({ ctx, input }) => ctx.services.ordering.eventCancellation.query(input)),

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
});
