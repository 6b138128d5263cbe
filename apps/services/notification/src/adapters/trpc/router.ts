import { assertOwnerOrAdmin, authedProcedure } from "@marquee/service/auth";
import { publicProcedure, router } from "@marquee/service/trpc";
import { z } from "zod";
import type { NotificationDeps } from "../../app/deps";
import { listOrderDeliveries, type DeliveryView } from "../../app/list-deliveries";

export type { DeliveryView };

/** Web → notification: the emails of one order and how their delivery went (owner or admin). */
export const DeliveriesInput = z.object({ orderId: z.uuid() });
export type DeliveriesInput = z.infer<typeof DeliveriesInput>;

/** Notification's API. Called by the web server, which imports only the `AppRouter` type. */
export const createAppRouter = (deps: NotificationDeps) =>
  router({
    ping: publicProcedure.query(() => ({
      service: "notification",
      time: new Date().toISOString(),
    })),

    deliveries: authedProcedure
      .input(DeliveriesInput)
      .query(async ({ ctx, input }): Promise<DeliveryView[]> => {
        const { ownerId, deliveries } = await listOrderDeliveries(deps.db, input.orderId);
        // Nothing known about the order: nothing to show, nothing to leak.
        if (ownerId === null) return [];
        assertOwnerOrAdmin(ctx.user, ownerId);
        return deliveries;
      }),
  });

export type AppRouter = ReturnType<typeof createAppRouter>;
