import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { publicProcedure, router } from "../src/trpc";

/** A tiny router exercising the paths the bootstrap has to get right. */
export const testRouter = router({
  whoCalled: publicProcedure.query(({ ctx }) => {
    ctx.log.info("whoCalled handled");
    return { correlationId: ctx.correlationId };
  }),
  bookSeats: publicProcedure
    .input(
      z.object({
        eventId: z.uuid(),
        seats: z.array(z.object({ id: z.string().min(1) })).min(1),
      }),
    )
    .mutation(({ input }) => ({ booked: input.seats.length })),
  notYours: publicProcedure.query(() => {
    throw new TRPCError({ code: "FORBIDDEN", message: "this order belongs to someone else" });
  }),
  explode: publicProcedure.query(() => {
    throw new Error("connect ECONNREFUSED 10.1.2.3:5432 (user=marquee_admin)");
  }),
});
