import { z } from "zod";
import { authedProcedure, router } from "../trpc";

// Until ordering's, fulfillment's and notification's routers land, their procedures are called
// through these shapes (the ones agreed for issue 7); the casts go once the services export them.
type OrderStatus =
  | "draft"
  | "pending"
  | "paid"
  | "confirmed"
  | "fulfilled"
  | "payment_failed"
  | "expired"
  | "cancelled"
  | "failed"
  | "refunded";
type OrderView = {
  orderId: string;
  eventId: string;
  customerId: string;
  email: string;
  status: OrderStatus;
  items: {
    reservationId: string;
    expiresAt: string;
    seats: { seatId: string; section: string; row: string; number: number; priceCents: number }[];
  }[];
  totalCents: number;
  currency: string;
  expiresAt: string | null;
  lastPaymentError: { reason: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
};
type TicketView = {
  ticketId: string;
  orderId: string;
  eventId: string;
  eventName: string;
  venueName: string;
  startsAt: string;
  timeZone: string;
  section: string;
  row: string;
  number: number;
  code: string;
  qrSvg: string;
  checkedInAt: string | null;
};
type OrderingOrders = {
  myOrders: {
    query: (input: {
      cursor?: string;
      limit?: number;
    }) => Promise<{ items: OrderView[]; nextCursor: string | null }>;
  };
};
type FulfillmentTickets = {
  myTickets: { query: () => Promise<TicketView[]> };
  orderTickets: { query: (input: { orderId: string }) => Promise<TicketView[]> };
};

/** Browser → web: a page of the signed-in customer's orders, newest first. */
export const MyOrdersInput = z.object({ cursor: z.string().max(200).optional() });
export type MyOrdersInput = z.infer<typeof MyOrdersInput>;

/** An order as "my orders" lists it: the order plus its event's name, place and time. */
export type MyOrder = OrderView & {
  event: { name: string; venueName: string; startsAt: string; timeZone: string } | null;
};

/** A customer's orders and tickets; the services only ever return the caller's own. */
export const accountRouter = router({
  orders: authedProcedure.input(MyOrdersInput).query(async ({ ctx, input }) => {
    const ordering = ctx.services.ordering as unknown as OrderingOrders;
    const page = await ordering.myOrders.query({ cursor: input.cursor, limit: 20 });
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

  tickets: authedProcedure.query(({ ctx }) => {
    const fulfillment = ctx.services.fulfillment as unknown as FulfillmentTickets;
    return fulfillment.myTickets.query();
  }),

  orderTickets: authedProcedure.input(z.object({ orderId: z.uuid() })).query(({ ctx, input }) => {
    const fulfillment = ctx.services.fulfillment as unknown as FulfillmentTickets;
    return fulfillment.orderTickets.query(input);
  }),
});
