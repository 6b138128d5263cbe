import { z } from "zod";
import type { Services } from "../services";
import { authedProcedure, router } from "../trpc";

type OrderView = Awaited<ReturnType<Services["ordering"]["order"]["query"]>>;

/** Browser → web: a page of the signed-in customer's orders, newest first. */
export const MyOrdersInput = z.object({ cursor: z.string().max(200).optional() });
export type MyOrdersInput = z.infer<typeof MyOrdersInput>;

/** An order as "my orders" lists it: the order plus its event's name, place and time. */
export type MyOrder = OrderView & {
  event: { name: string; venueName: string; startsAt: string; timeZone: string } | null;
};

/** Browser → web: send one of my tickets to another address (fulfillment checks it is mine). */
export const TransferTicketInput = z.object({
  ticketId: z.uuid(),
  toEmail: z.string().trim().min(1).max(254),
});
export type TransferTicketInput = z.infer<typeof TransferTicketInput>;

/** Browser → web: what cancelling these seats of my order (none: all left) would refund. */
export const CancellationQuoteInput = z.object({
  orderId: z.uuid(),
  seatIds: z.array(z.uuid()).max(100).default([]),
});
export type CancellationQuoteInput = z.infer<typeof CancellationQuoteInput>;

/** Browser → web: cancel those seats within the event's policy; one key per confirmation. */
export const CancelMyOrderInput = CancellationQuoteInput.extend({
  idempotencyKey: z.string().min(8).max(100),
});
export type CancelMyOrderInput = z.infer<typeof CancelMyOrderInput>;

/** A customer's orders and tickets; the services only ever return the caller's own. */
export const accountRouter = router({
  orders: authedProcedure.input(MyOrdersInput).query(async ({ ctx, input }) => {
    const page = await ctx.services.ordering.myOrders.query({ cursor: input.cursor, limit: 20 });
    // Drafts are carts, not orders yet: the cart page shows them.
    const items = page.items.filter((order) => order.status !== "draft");
    const eventIds = [...new Set(items.map((order) => order.eventId))];
    const events = new Map(
      await Promise.all(
        eventIds.map(async (eventId) => {
          const event = await ctx.services.catalog.event.query({ eventId }).catch(() => null);
          return [
            eventId,
            event
              ? {
                  name: event.name,
                  venueName: event.venue.name,
                  startsAt: event.startsAt,
                  timeZone: event.timeZone,
                }
              : null,
          ] as const;
        }),
      ),
    );
    return {
      items: items.map((order): MyOrder => ({
        ...order,
        event: events.get(order.eventId) ?? null,
      })),
      nextCursor: page.nextCursor,
    };
  }),

  cancellationQuote: authedProcedure
    .input(CancellationQuoteInput)
    .query(({ ctx, input }) => ctx.services.ordering.cancellationQuote.query(input)),

  cancelMyOrder: authedProcedure
    .input(CancelMyOrderInput)
    .mutation(({ ctx, input }) => ctx.services.ordering.cancelMyOrder.mutate(input)),

  tickets: authedProcedure.query(({ ctx }) => ctx.services.fulfillment.myTickets.query()),

  transferTicket: authedProcedure
    .input(TransferTicketInput)
    .mutation(({ ctx, input }) => ctx.services.fulfillment.transferTicket.mutate(input)),

  orderTickets: authedProcedure
    .input(z.object({ orderId: z.uuid() }))
    .query(({ ctx, input }) => ctx.services.fulfillment.orderTickets.query(input)),
});
