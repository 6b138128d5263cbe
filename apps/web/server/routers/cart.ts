import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { OrderView } from "../order-shapes";
import { keepRefusalMessage } from "../refusal-message";
import { authedProcedure, router } from "../trpc";

/**
 * Browser → web: hold one or more seats of an event and put them in the cart. `admission` is the
 * waiting room's token (from `waitingRoom.status`), passed on to inventory, which checks it.
 */
export const HoldSeatsInput = z.object({
  eventId: z.uuid(),
  seatIds: z.array(z.uuid()).min(1, "seatIds: choose at least one seat").max(10),
  admission: z.string().min(1).max(4_000).optional(),
});
export type HoldSeatsInput = z.infer<typeof HoldSeatsInput>;

/** Browser → web: take one hold (its seats) out of the cart; the seats go back on sale. */
export const RemoveHoldInput = z.object({ orderId: z.uuid(), reservationId: z.uuid() });
export type RemoveHoldInput = z.infer<typeof RemoveHoldInput>;

/** The hold and cart: inventory holds the seats, ordering keeps them in a draft order. */
export const cartRouter = router({
  /** The caller's cart for an event, or null (none yet, or it expired). */
  forEvent: authedProcedure
    .input(z.object({ eventId: z.uuid() }))
    .query(({ ctx, input }) => ctx.services.ordering.cart.query(input)),

  hold: authedProcedure
    .input(HoldSeatsInput)
    .mutation(async ({ ctx, input }): Promise<OrderView> => {
      const reservation = await ctx.services.inventory.reserve
        .mutate(input)
        .catch(keepRefusalMessage("FORBIDDEN"));
      try {
        return await ctx.services.ordering.addToCart.mutate({
          reservationId: reservation.reservationId,
        });
      } catch (error) {
        // Never leave a hold the customer cannot see in a cart.
        await ctx.services.inventory.release
          .mutate({ reservationId: reservation.reservationId })
          .catch(() => undefined);
        throw error;
      }
    }),

  remove: authedProcedure
    .input(RemoveHoldInput)
    .mutation(({ ctx, input }) => ctx.services.ordering.removeFromCart.mutate(input)),

  /** Draft → pending: the total is fixed and the order waits for payment. */
  checkout: authedProcedure
    .input(z.object({ orderId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const order = await ctx.services.ordering.checkout.mutate(input);
      if (order.status !== "pending" && order.status !== "payment_failed") {
        throw new TRPCError({
          code: "CONFLICT",
          message: `This order is ${order.status.replace("_", " ")} and cannot be paid.`,
        });
      }
      return order;
    }),
});
