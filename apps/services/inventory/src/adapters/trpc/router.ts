import { authedProcedure } from "@marquee/service/auth";
import { publicProcedure, router } from "@marquee/service/trpc";
import { z } from "zod";
import type { InventoryDeps } from "../../app/deps";
import { getAvailability } from "../../app/get-availability";
import { listMyReservations } from "../../app/list-my-reservations";
import { releaseReservation } from "../../app/release-reservation";
import { reserveSeats } from "../../app/reserve-seats";
import { MAX_SEATS_PER_REQUEST } from "../../domain/hold-rules";
import { releaseErrorToTRPC, reserveErrorToTRPC } from "./errors";

/** Web → inventory: hold these seats of one event for the signed-in customer, all or nothing. */
export const ReserveInput = z.object({
  eventId: z.uuid(),
  seatIds: z.array(z.uuid()).min(1).max(MAX_SEATS_PER_REQUEST),
});
export type ReserveInput = z.infer<typeof ReserveInput>;

/** Web → inventory: give up one of the signed-in customer's active holds. */
export const ReleaseInput = z.object({ reservationId: z.uuid() });
export type ReleaseInput = z.infer<typeof ReleaseInput>;

/** Web → inventory: the signed-in customer's holds, newest first, optionally for one event. */
export const MyReservationsInput = z.object({ eventId: z.uuid().optional() }).optional();
export type MyReservationsInput = z.infer<typeof MyReservationsInput>;

/** Web, catalog, operators → inventory: seat counts per state and the held and sold seat ids. */
export const AvailabilityInput = z.object({ eventId: z.uuid() });
export type AvailabilityInput = z.infer<typeof AvailabilityInput>;

/** Inventory's API. Called by the web server, which imports only the `AppRouter` type. */
export const createAppRouter = (deps: InventoryDeps) =>
  router({
    ping: publicProcedure.query(() => ({ service: "inventory", time: new Date().toISOString() })),

    reserve: authedProcedure.input(ReserveInput).mutation(async ({ ctx, input }) => {
      const result = await reserveSeats(deps, {
        customerId: ctx.user.id,
        customerEmail: ctx.user.email,
        eventId: input.eventId,
        seatIds: input.seatIds,
        cause: { correlationId: ctx.correlationId },
      });
      if (!result.ok) throw reserveErrorToTRPC(result.error);
      return result.value;
    }),

    release: authedProcedure.input(ReleaseInput).mutation(async ({ ctx, input }) => {
      const result = await releaseReservation(deps, {
        customerId: ctx.user.id,
        reservationId: input.reservationId,
        cause: { correlationId: ctx.correlationId },
      });
      if (!result.ok) throw releaseErrorToTRPC(result.error);
      return result.value;
    }),

    myReservations: authedProcedure
      .input(MyReservationsInput)
      .query(({ ctx, input }) =>
        listMyReservations(deps.db, { customerId: ctx.user.id, eventId: input?.eventId }),
      ),

    availability: publicProcedure
      .input(AvailabilityInput)
      .query(({ input }) => getAvailability(deps.db, input.eventId)),
  });

export type AppRouter = ReturnType<typeof createAppRouter>;
