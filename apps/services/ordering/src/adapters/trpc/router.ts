import { adminProcedure, authedProcedure } from "@marquee/service/auth";
import { verifyGuestToken } from "@marquee/service/guest-token";
import { publicProcedure, router } from "@marquee/service/trpc";
import type { ServiceCaller } from "@marquee/service/service-client";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { addToCart } from "../../app/add-to-cart";
import { adoptGuestCart } from "../../app/adopt-guest-cart";
import { cancelMyOrder } from "../../app/cancel-my-order";
import { cancelOrder } from "../../app/cancel-order";
import { checkoutOrder } from "../../app/checkout-order";
import type { OrderingDeps } from "../../app/deps";
import { getCart } from "../../app/get-cart";
import { getEventCancellation } from "../../app/get-event-cancellation";
import { getEventSales } from "../../app/get-event-sales";
import { getOrder } from "../../app/get-order";
import { listEventOrders } from "../../app/list-event-orders";
import { listMyOrders } from "../../app/list-my-orders";
import { quoteMyCancellation } from "../../app/quote-cancellation";
import { refundOrderSeats } from "../../app/refund-order-seats";
import { removeFromCart } from "../../app/remove-from-cart";
import type { OrderError } from "../../domain/errors";
import type { Result } from "@marquee/service/result";
import { InventoryUnavailable } from "../inventory/inventory-client";
import { orderErrorToTRPC } from "./errors";

/** Web → ordering: the caller's cart (draft order) for one event. */
export const CartInput = z.object({ eventId: z.uuid() });
export type CartInput = z.infer<typeof CartInput>;

/** Web → ordering: put one of the caller's holds (from inventory's `reserve`) into their cart. */
export const AddToCartInput = z.object({ reservationId: z.uuid() });
export type AddToCartInput = z.infer<typeof AddToCartInput>;

/**
 * Web → ordering, at sign-in (after inventory's `adoptGuestHolds`): the guest token the browser
 * shopped with before; the guest's carts join the signed-in account's.
 */
export const AdoptGuestCartInput = z.object({ guestToken: z.string().min(1).max(4_000) });
export type AdoptGuestCartInput = z.infer<typeof AdoptGuestCartInput>;

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

/** Organizer pages → ordering: what one event has sold (eventSales), its cancellation's progress (eventCancellation). */
export const EventSalesInput = z.object({ eventId: z.uuid() });
export type EventSalesInput = z.infer<typeof EventSalesInput>;

/**
 * Organizer pages → ordering: refund a whole order (no seats named) or chosen seats of it, with
 * a reason shown to the buyer; `seatsTo` says whether the seats go back on sale.
 */
export const RefundOrderInput = z.object({
  orderId: z.uuid(),
  seatIds: z.array(z.uuid()).max(100).default([]),
  reason: z.string().trim().min(1, "reason: say why, for the buyer").max(500),
  seatsTo: z.enum(["available", "blocked"]).default("blocked"),
});
export type RefundOrderInput = z.infer<typeof RefundOrderInput>;

/** Web (My orders) → ordering: what cancelling these seats (none: all not refunded) would refund. */
export const CancellationQuoteInput = z.object({
  orderId: z.uuid(),
  seatIds: z.array(z.uuid()).max(100).default([]),
});
export type CancellationQuoteInput = z.infer<typeof CancellationQuoteInput>;

/**
 * Web (My orders) → ordering: the buyer cancels these seats (none: all not refunded) within the
 * event's policy; the page sends one idempotency key per confirmation.
 */
export const CancelMyOrderInput = CancellationQuoteInput.extend({
  idempotencyKey: z
    .string()
    .trim()
    .min(8, "idempotencyKey: at least 8 characters, one per cancellation")
    .max(100, "idempotencyKey: at most 100 characters"),
});
export type CancelMyOrderInput = z.infer<typeof CancelMyOrderInput>;

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

/** The customer's own token and this request's id, for the calls to inventory made for them. */
const callerOf = (ctx: {
  auth: { token: string | null };
  correlationId: string;
}): ServiceCaller => {
  if (ctx.auth.token === null)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return { token: ctx.auth.token, correlationId: ctx.correlationId };
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
          caller: callerOf(ctx),
          reservationId: input.reservationId,
        }),
      ),
    ),

    adoptGuestCart: authedProcedure.input(AdoptGuestCartInput).mutation(async ({ ctx, input }) => {
      const guest = await verifyGuestToken(ctx.auth.verifier, input.guestToken);
      return answer(adoptGuestCart(deps, { account: ctx.user, guestId: guest.id }));
    }),

    removeFromCart: authedProcedure.input(RemoveFromCartInput).mutation(({ ctx, input }) =>
      answer(
        removeFromCart(deps, {
          customerId: ctx.user.id,
          caller: callerOf(ctx),
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

    cancellationQuote: authedProcedure.input(CancellationQuoteInput).query(({ ctx, input }) =>
      answer(
        quoteMyCancellation(deps.db, {
          user: ctx.user,
          orderId: input.orderId,
          seatIds: input.seatIds,
          now: (deps.now ?? (() => new Date()))(),
        }),
      ),
    ),

    cancelMyOrder: authedProcedure.input(CancelMyOrderInput).mutation(({ ctx, input }) =>
      answer(
        cancelMyOrder(deps, {
          user: ctx.user,
          orderId: input.orderId,
          seatIds: input.seatIds,
          idempotencyKey: input.idempotencyKey,
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

    eventOrders: adminProcedure
      .input(EventSalesInput)
      .query(({ input }) => listEventOrders(deps.db, input.eventId, 200)),

    refundOrder: adminProcedure.input(RefundOrderInput).mutation(({ ctx, input }) =>
      answer(
        refundOrderSeats(deps, {
          user: ctx.user,
          orderId: input.orderId,
          seatIds: input.seatIds,
          reason: input.reason,
          seatsTo: input.seatsTo,
          cause: { correlationId: ctx.correlationId },
        }),
      ),
    ),

    eventCancellation: adminProcedure
      .input(EventSalesInput)
      .query(({ input }) => getEventCancellation(deps.db, input.eventId)),
  });

export type AppRouter = ReturnType<typeof createAppRouter>;
