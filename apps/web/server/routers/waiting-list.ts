import { z } from "zod";
import type { OrderView } from "../order-shapes";
import { keepRefusalMessage } from "../refusal-message";
import { authedProcedure, publicProcedure, router } from "../trpc";

/** Browser → web: one event's waiting list. */
export const WaitingListEventInput = z.object({ eventId: z.uuid() });
export type WaitingListEventInput = z.infer<typeof WaitingListEventInput>;

/** Browser → web: join an event's waiting list for a number of seats, in one section or any. */
export const JoinWaitingListInput = z.object({
  eventId: z.uuid(),
  quantity: z
    .number("quantity: a whole number of seats from 1 to 10")
    .int("quantity: a whole number of seats from 1 to 10")
    .min(1, "quantity: at least 1 seat")
    .max(10, "quantity: at most 10 seats"),
  section: z.string().trim().min(1).max(100).optional(),
});
export type JoinWaitingListInput = z.infer<typeof JoinWaitingListInput>;

/** Browser → web: the hold an offer email links to (`/events/<id>?offer=<reservationId>`). */
export const TakeOfferInput = z.object({ reservationId: z.uuid("offer: not an offer's link") });
export type TakeOfferInput = z.infer<typeof TakeOfferInput>;

/**
 * The waiting list (inventory keeps it): where the event is sold out for the public, the
 * signed-in customer's place in line, joining, leaving, and taking an offer into the cart.
 */
export const waitingListRouter = router({
  /** Anyone: where the event is sold out; a signed-in customer also gets their entry. */
  status: publicProcedure.input(WaitingListEventInput).query(async ({ ctx, input }) => {
    const [scope, mine] = await Promise.all([
      ctx.services.inventory.waitingListScope.query(input),
      ctx.user && ctx.user.role !== "staff"
        ? ctx.services.inventory.myWaitingList.query(input)
        : Promise.resolve({ entry: null }),
    ]);
    return { ...scope, entry: mine.entry };
  }),

  join: authedProcedure
    .input(JoinWaitingListInput)
    .mutation(({ ctx, input }) =>
      ctx.services.inventory.joinWaitingList.mutate(input).catch(keepRefusalMessage("FORBIDDEN")),
    ),

  leave: authedProcedure
    .input(WaitingListEventInput)
    .mutation(({ ctx, input }) => ctx.services.inventory.leaveWaitingList.mutate(input)),

  /**
   * The offered hold into the customer's cart (ordering's `addToCart`, idempotent: following the
   * link again answers the same cart). Unlike a fresh hold, a refusal releases nothing: the hold
   * stays the customer's until it ends.
   */
  takeOffer: authedProcedure
    .input(TakeOfferInput)
    .mutation(({ ctx, input }): Promise<OrderView> =>
      ctx.services.ordering.addToCart.mutate(input),
    ),
});
