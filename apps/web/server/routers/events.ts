import { z } from "zod";
import { publicProcedure, router } from "../trpc";

/** Browser → web: the storefront's event list, one event, and its compact seat map. */
export const ListEventsInput = z.object({
  query: z.string().trim().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(50).optional(),
});
export type ListEventsInput = z.infer<typeof ListEventsInput>;

export const EventIdInput = z.object({ eventId: z.uuid() });
export type EventIdInput = z.infer<typeof EventIdInput>;

export const SectionInput = z.object({ eventId: z.uuid(), section: z.number().int().min(0) });
export type SectionInput = z.infer<typeof SectionInput>;

export const eventsRouter = router({
  list: publicProcedure.input(ListEventsInput).query(({ ctx, input }) =>
    ctx.services.catalog.listEvents.query({
      ...input,
      query: input.query || undefined,
    }),
  ),
  byId: publicProcedure
    .input(EventIdInput)
    .query(({ ctx, input }) => ctx.services.catalog.event.query(input)),
  seatMap: publicProcedure
    .input(EventIdInput)
    .query(({ ctx, input }) => ctx.services.catalog.seatMap.query(input)),
  /**
   * The server's clock, so the page counts down to the services' time rather than the browser's
   * (a visitor's clock may be minutes off); the page measures the round trip and corrects for it.
   */
  serverTime: publicProcedure.query(() => ({ now: new Date().toISOString() })),
  seatIds: publicProcedure
    .input(SectionInput)
    .query(({ ctx, input }) => ctx.services.catalog.seatIds.query(input)),
});
