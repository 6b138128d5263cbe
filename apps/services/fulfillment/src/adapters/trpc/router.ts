import { adminProcedure, assertOwnerOrAdmin, authedProcedure } from "@marquee/service/auth";
import { publicProcedure, router } from "@marquee/service/trpc";
import { z } from "zod";
import { checkInTicket } from "../../app/check-in-ticket";
import type { FulfillmentDeps } from "../../app/deps";
import { listMyTickets, listOrderTickets } from "../../app/list-tickets";
import { toTicketView, toTicketViews, type TicketView } from "../../app/ticket-view";
import { checkInErrorToTRPC } from "./errors";

export type { TicketView };

/** Web → fulfillment: the tickets of one order (owner or admin). */
export const OrderTicketsInput = z.object({ orderId: z.uuid() });
export type OrderTicketsInput = z.infer<typeof OrderTicketsInput>;

/** Door scanner (an admin's device) → fulfillment: the code read from a ticket's QR. */
export const CheckInInput = z.object({ code: z.string().trim().min(1).max(512) });
export type CheckInInput = z.infer<typeof CheckInInput>;

/** Fulfillment's API. Called by the web server, which imports only the `AppRouter` type. */
export const createAppRouter = (deps: FulfillmentDeps) =>
  router({
    ping: publicProcedure.query(() => ({ service: "fulfillment", time: new Date().toISOString() })),

    myTickets: authedProcedure.query(({ ctx }): Promise<TicketView[]> =>
      listMyTickets(deps.db, ctx.user.id),
    ),

    orderTickets: authedProcedure
      .input(OrderTicketsInput)
      .query(async ({ ctx, input }): Promise<TicketView[]> => {
        const { ownerId, rows } = await listOrderTickets(deps.db, input.orderId);
        // Not issued yet (or not an order at all): nothing to show, nothing to leak.
        if (ownerId === null) return [];
        assertOwnerOrAdmin(ctx.user, ownerId);
        return toTicketViews(rows);
      }),

    checkIn: adminProcedure
      .input(CheckInInput)
      .mutation(async ({ ctx, input }): Promise<{ ticket: TicketView; checkedInAt: string }> => {
        const result = await checkInTicket(deps, {
          code: input.code,
          scannedBy: ctx.user.id,
          cause: { correlationId: ctx.correlationId },
        });
        if (!result.ok) throw checkInErrorToTRPC(result.error);
        return {
          ticket: await toTicketView(result.value.ticket),
          checkedInAt: result.value.checkedInAt.toISOString(),
        };
      }),
  });

export type AppRouter = ReturnType<typeof createAppRouter>;
