import { adminProcedure, authedProcedure } from "@marquee/service/auth";
import { publicProcedure, router } from "@marquee/service/trpc";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { addToCart } from "../../app/add-to-cart";
import { cancelOrder } from "../../app/cancel-order";
import { checkoutOrder } from "../../app/checkout-order";
import type { OrderingDeps } from "../../app/deps";
import { getCart } from "../../app/get-cart";
import { getEventSales } from "../../app/get-event-sales";
import { getOrder } from "../../app/get-order";
import { listMyOrders } from "../../app/list-my-orders";
import { removeFromCart } from "../../app/remove-from-cart";
import type { OrderError } from "../../domain/errors";
import type { Result } from "../../domain/result";
import { InventoryUnavailable } from "../inventory/inventory-client";
import { orderErrorToTRPC } from "./errors";

/** Web → ordering: the caller's cart (draft order) for one event. */
export const CartInput = z.object({ eventId: z.uuid() });
export type CartInput = z.infer<typeof CartInput>;

/** Web → ordering: put one of the caller's holds (from inventory's `reserve`) into their cart. */
export const AddToCartInput = z.object({ reservationId: z.uuid() });
export type AddToCartInput = z.infer<typeof AddToCartInput>;

/** Web → ordering: take a hold out of the cart and give it back to inventory. */
export const RemoveFromCartInput = z.object({ orderId: z.uuid(), reservationId: z.uuid() });
export type RemoveFromCartInput = z.infer<typeof RemoveFromCartInput>;

/** Web → ordering: one order, by id (checkout, cancelOrder, order). */
export const OrderIdInput = z.object({ orderId: z.uuid() });
export type OrderIdInput = z.infer<typeof OrderIdInput>;

/**
 * Web → ordering: a page of the caller's order history, newest first. `null` is accepted for
 * both fields, as tRPC's infinite queries send it for the first page.
 */
export const MyOrdersInput = z
  .object({
    cursor: z.string().min(1).max(200).nullish(),
    limit: z.number().int().min(1).max(100).nullish(),
  })
  .default({});
export type MyOrdersInput = z.infer<typeof MyOrdersInput>;

/** Organizer pages → ordering: what one event has sold. */
export const EventSalesInput = z.object({ eventId: z.uuid() });
export type EventSalesInput = z.infer<typeof EventSalesInput>;

/** Unwraps a use case's answer; refusals and an unreachable inventory become client errors. */
const answer = async <T>(work: Promise<Result<T, OrderError>>): Promise<T> => {
  let result: Result<T, OrderError>;
  try {
    result = await work;
  } catch (error) {
    if (error instanceof InventoryUnavailable) {
      throw orderErrorToTRPC({ kind: "inventory-unavailable" });
    }
    throw error;
  }
  if (!result.ok) throw orderErrorToTRPC(result.error);
  return result.value;
};

const tokenOf = (ctx: { auth: { token: string | null } }): string => {
  if (ctx.auth.token === null)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return ctx.auth.token;
};

/** Ordering's API. Called by the web server, which imports only the `AppRouter` type. */
export const createAppRouter = (deps: OrderingDeps) =>
  router({
    ping: publicProcedure.query(() => ({ service: "ordering", time: new Date().toISOString() })),

    cart: authedProcedure
      .input(CartInput)
      .query(({ ctx, input }) => getCart(deps.db, ctx.user.id, input.eventId)),

    addToCart: authedProcedure.input(AddToCartInput).mutation(({ ctx, input }) =>
      answer(
        addToCart(deps, {
          customerId: ctx.user.id,
          email: ctx.user.email,
          token: tokenOf(ctx),
          reservationId: input.reservationId,
        }),
      ),
    ),

    removeFromCart: authedProcedure.input(RemoveFromCartInput).mutation(({ ctx, input }) =>
      answer(
        removeFromCart(deps, {
          customerId: ctx.user.id,
          token: tokenOf(ctx),
          orderId: input.orderId,
          reservationId: input.reservationId,
        }),
      ),
    ),

    checkout: authedProcedure.input(OrderIdInput).mutation(({ ctx, input }) =>
      answer(
        checkoutOrder(deps, {
          customerId: ctx.user.id,
          email: ctx.user.email,
          orderId: input.orderId,
          cause: { correlationId: ctx.correlationId },
        }),
      ),
    ),

    cancelOrder: authedProcedure.input(OrderIdInput).mutation(({ ctx, input }) =>
      answer(
        cancelOrder(deps, {
          user: ctx.user,
          orderId: input.orderId,
          cause: { correlationId: ctx.correlationId },
        }),
      ),
    ),

    myOrders: authedProcedure.input(MyOrdersInput).query(({ ctx, input }) =>
      answer(
        listMyOrders(deps.db, {
          customerId: ctx.user.id,
          cursor: input.cursor ?? undefined,
          limit: input.limit ?? 20,
        }),
      ),
    ),

    order: authedProcedure
      .input(OrderIdInput)
      .query(({ ctx, input }) => answer(getOrder(deps.db, ctx.user, input.orderId))),

    eventSales: adminProcedure
      .input(EventSalesInput)
      .query(({ input }) => getEventSales(deps.db, input.eventId)),
  });

export type AppRouter = ReturnType<typeof createAppRouter>;
