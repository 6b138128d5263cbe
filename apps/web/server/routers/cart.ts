import { TRPCClientError } from "@trpc/client";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { OrderView } from "../order-shapes";
import { keepRefusalMessage } from "../refusal-message";
import type { Services } from "../services";
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

/**
 * Browser → web: hold the best `quantity` seats side by side (optionally at one price level or in
 * one section, as the seat map names them, or with a wheelchair space) and put them in the cart,
 * like a hand-picked hold.
 */
export const HoldBestAvailableInput = z.object({
  eventId: z.uuid(),
  quantity: z
    .number()
    .int("quantity: a whole number of seats from 1 to 10")
    .min(1, "quantity: at least 1 seat")
    .max(10, "quantity: at most 10 seats together"),
  priceCents: z.number().int().min(0).optional(),
  section: z.string().trim().min(1).max(100).optional(),
  /** Wheelchair seating: a wheelchair space and ordinary companion seats beside it (inventory's rule). */
  accessible: z.boolean("accessible: true or false").optional(),
  admission: z.string().min(1).max(4_000).optional(),
});
export type HoldBestAvailableInput = z.infer<typeof HoldBestAvailableInput>;

/** Browser → web: take one hold (its seats) out of the cart; the seats go back on sale. */
export const RemoveHoldInput = z.object({ orderId: z.uuid(), reservationId: z.uuid() });
export type RemoveHoldInput = z.infer<typeof RemoveHoldInput>;

/**
 * Browser → web: keep these holds of the customer's order longer, once, by the minutes the event
 * allows ("Keep my seats"); the order comes back with their new ends.
 */
export const ExtendHoldsInput = z.object({
  orderId: z.uuid(),
  reservationIds: z.array(z.uuid()).min(1, "reservationIds: choose a hold").max(50),
});
export type ExtendHoldsInput = z.infer<typeof ExtendHoldsInput>;

const HOLD_ID = / [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Inventory's refusal of an extension, for the customer: its words ("Your hold was already
 * extended once…", "This event does not allow holds to be extended.") without the hold's id.
 */
const extensionRefused = (error: unknown): never => {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: TRPCError["code"] } | undefined)?.code;
    if (code === "CONFLICT" || code === "PRECONDITION_FAILED") {
      throw new TRPCError({ code, message: error.message.replace(HOLD_ID, "") });
    }
    if (code === "NOT_FOUND") {
      throw new TRPCError({ code, message: "These seats are no longer held for you." });
    }
  }
  throw error;
};

/**
 * The order with inventory's new ends on the extended holds: ordering hears of them through Kafka
 * a moment later, and the countdown should move at once.
 */
const withNewEnds = (
  order: OrderView,
  ends: ReadonlyArray<{ reservationId: string; expiresAt: string }>,
  extendedAt: string,
): OrderView => {
  const endOf = new Map(ends.map((end) => [end.reservationId, end.expiresAt]));
  const items = order.items.map((item) => {
    const end = endOf.get(item.reservationId);
    return end && Date.parse(end) > Date.parse(item.expiresAt)
      ? { ...item, expiresAt: end, extendedAt: item.extendedAt ?? extendedAt }
      : item;
  });
  const first = Math.min(...items.map((item) => Date.parse(item.expiresAt)));
  return {
    ...order,
    items,
    expiresAt: items.length > 0 ? new Date(first).toISOString() : order.expiresAt,
  };
};

/** Puts a fresh hold in the customer's cart; never leaves a hold the customer cannot see there. */
const putInCart = async (
  ctx: { services: Services },
  reservationId: string,
): Promise<OrderView> => {
  try {
    return await ctx.services.ordering.addToCart.mutate({ reservationId });
  } catch (error) {
    await ctx.services.inventory.release.mutate({ reservationId }).catch(() => undefined);
    throw error;
  }
};

/** The hold and cart: inventory holds the seats, ordering keeps them in a draft order. */
export const cartRouter = router({
  /**
   * The caller's open order for an event: the cart, or the order placed at payment and not paid
   * yet; null when there is none (none yet, or it expired).
   */
  forEvent: authedProcedure
    .input(z.object({ eventId: z.uuid() }))
    .query(({ ctx, input }) => ctx.services.ordering.cart.query(input)),

  hold: authedProcedure
    .input(HoldSeatsInput)
    .mutation(async ({ ctx, input }): Promise<OrderView> => {
      const reservation = await ctx.services.inventory.reserve
        .mutate(input)
        .catch(keepRefusalMessage("FORBIDDEN"));
      return putInCart(ctx, reservation.reservationId);
    }),

  holdBestAvailable: authedProcedure
    .input(HoldBestAvailableInput)
    .mutation(async ({ ctx, input }): Promise<OrderView> => {
      const reservation = await ctx.services.inventory.holdBestAvailable
        .mutate(input)
        .catch(keepRefusalMessage("FORBIDDEN"));
      return putInCart(ctx, reservation.reservationId);
    }),

  extend: authedProcedure
    .input(ExtendHoldsInput)
    .mutation(async ({ ctx, input }): Promise<OrderView> => {
      const order = await ctx.services.ordering.order.query({ orderId: input.orderId });
      const inOrder = new Set(order.items.map((item) => item.reservationId));
      const outside = input.reservationIds.find((id) => !inOrder.has(id));
      if (outside) {
        throw new TRPCError({ code: "NOT_FOUND", message: "These seats are not in this order." });
      }
      const extended = await ctx.services.inventory.extendHolds
        .mutate({ reservationIds: input.reservationIds })
        .catch(extensionRefused);
      return withNewEnds(order, extended.reservations, new Date().toISOString());
    }),

  remove: authedProcedure
    .input(RemoveHoldInput)
    .mutation(({ ctx, input }) => ctx.services.ordering.removeFromCart.mutate(input)),
});
