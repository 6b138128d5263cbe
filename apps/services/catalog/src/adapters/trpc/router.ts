import { adminProcedure } from "@marquee/service/auth";
import { publicProcedure, router } from "@marquee/service/trpc";
import { TRPCError } from "@trpc/server";
import { cancelEvent } from "../../app/cancel-event";
import { createEvent } from "../../app/create-event";
import { createVenue } from "../../app/create-venue";
import type { CatalogDeps } from "../../app/deps";
import { generateLayout } from "../../app/generate-layout";
import { getEvent } from "../../app/get-event";
import { getSeatMap, getSectionSeatIds } from "../../app/get-seat-map";
import { decodeCursor, listEvents, listEventsForOrganizer } from "../../app/list-events";
import { publishEvent } from "../../app/publish-event";
import { resolveEventTimes } from "../../app/resolve-event-times";
import { updateEvent } from "../../app/update-event";
import { listVenues } from "../db/catalog-store";
import { catalogErrorToTRPC } from "./errors";
import {
  CreateEventInput,
  CreateVenueInput,
  EventIdInput,
  GenerateLayoutInput,
  ListEventsInput,
  OrganizerEventsInput,
  SeatIdsInput,
  UpdateEventInput,
} from "./inputs";

const unwrap = <T>(
  result: { ok: true; value: T } | { ok: false; error: Parameters<typeof catalogErrorToTRPC>[0] },
): T => {
  if (!result.ok) throw catalogErrorToTRPC(result.error);
  return result.value;
};

const cursorFrom = (cursor: string | undefined, procedure: string) => {
  if (cursor === undefined) return undefined;
  const after = decodeCursor(cursor);
  if (!after) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `cursor: not a cursor from ${procedure}` });
  }
  return after;
};

const notFound = (what: string) => new TRPCError({ code: "NOT_FOUND", message: what });

/** Catalog's API. Called by the web server, which imports only the `AppRouter` type. */
export const createAppRouter = (deps: CatalogDeps) =>
  router({
    ping: publicProcedure.query(() => ({ service: "catalog", time: new Date().toISOString() })),

    // ---- public: the storefront ----

    listEvents: publicProcedure.input(ListEventsInput).query(({ input }) => {
      const after = cursorFrom(input.cursor, "listEvents");
      return listEvents(deps, {
        query: input.query,
        from: input.from ? new Date(input.from) : undefined,
        to: input.to ? new Date(input.to) : undefined,
        limit: input.limit,
        after,
      });
    }),

    event: publicProcedure.input(EventIdInput).query(async ({ input }) => {
      const event = await getEvent(deps, input.eventId);
      if (!event) throw notFound(`eventId: no event ${input.eventId}`);
      return event;
    }),

    seatMap: publicProcedure.input(EventIdInput).query(async ({ input }) => {
      const map = await getSeatMap(deps, input.eventId);
      if (!map) throw notFound(`eventId: no seat map for event ${input.eventId}`);
      return map;
    }),

    seatIds: publicProcedure.input(SeatIdsInput).query(async ({ input }) => {
      const ids = await getSectionSeatIds(deps, input.eventId, input.section);
      if (!ids) throw notFound(`section: no section ${input.section} of event ${input.eventId}`);
      return ids;
    }),

    // ---- organizers ----

    venues: adminProcedure.query(() => listVenues(deps.db)),

    createVenue: adminProcedure
      .input(CreateVenueInput)
      .mutation(({ input }) => createVenue(deps, input)),

    organizerEvents: adminProcedure.input(OrganizerEventsInput).query(({ input }) =>
      listEventsForOrganizer(deps, {
        query: input.query,
        from: input.from ? new Date(input.from) : undefined,
        to: input.to ? new Date(input.to) : undefined,
        status: input.status,
        limit: input.limit,
        after: cursorFrom(input.cursor, "organizerEvents"),
      }),
    ),

    adminEvent: adminProcedure.input(EventIdInput).query(async ({ input }) => {
      const event = await getEvent(deps, input.eventId, { includeDrafts: true });
      if (!event) throw notFound(`eventId: no event ${input.eventId}`);
      return event;
    }),

    createEvent: adminProcedure.input(CreateEventInput).mutation(async ({ input }) => {
      const { startsAt, salesOpenAt, salesCloseAt, ...rest } = input;
      const times = unwrap(
        await resolveEventTimes(
          deps,
          { venueId: input.venueId, timeZone: input.timeZone },
          { startsAt, salesOpenAt, salesCloseAt },
        ),
      );
      return unwrap(
        await createEvent(deps, {
          ...rest,
          startsAt: times.startsAt ?? new Date(startsAt),
          salesOpenAt: times.salesOpenAt ?? null,
          salesCloseAt: times.salesCloseAt ?? null,
        }),
      );
    }),

    updateEvent: adminProcedure.input(UpdateEventInput).mutation(async ({ ctx, input }) => {
      const { eventId, startsAt, salesOpenAt, salesCloseAt, ...rest } = input;
      const times = unwrap(
        await resolveEventTimes(
          deps,
          { eventId, timeZone: input.timeZone },
          { startsAt, salesOpenAt, salesCloseAt },
        ),
      );
      return unwrap(
        await updateEvent(deps, {
          eventId,
          changes: {
            ...rest,
            ...(times.startsAt ? { startsAt: times.startsAt } : {}),
            ...(times.salesOpenAt !== undefined ? { salesOpenAt: times.salesOpenAt } : {}),
            ...(times.salesCloseAt !== undefined ? { salesCloseAt: times.salesCloseAt } : {}),
          },
          cause: { correlationId: ctx.correlationId },
        }),
      );
    }),

    generateLayout: adminProcedure.input(GenerateLayoutInput).mutation(async ({ ctx, input }) => {
      const { eventId, ...spec } = input;
      return unwrap(
        await generateLayout(deps, { eventId, spec, cause: { correlationId: ctx.correlationId } }),
      );
    }),

    publish: adminProcedure.input(EventIdInput).mutation(async ({ ctx, input }) =>
      unwrap(
        await publishEvent(deps, {
          eventId: input.eventId,
          cause: { correlationId: ctx.correlationId },
        }),
      ),
    ),

    cancel: adminProcedure.input(EventIdInput).mutation(async ({ ctx, input }) =>
      unwrap(
        await cancelEvent(deps, {
          eventId: input.eventId,
          cause: { correlationId: ctx.correlationId },
        }),
      ),
    ),
  });

export type AppRouter = ReturnType<typeof createAppRouter>;
