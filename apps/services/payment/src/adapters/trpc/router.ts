import { assertOwnerOrAdmin, authedProcedure } from "@marquee/service/auth";
import { publicProcedure, router } from "@marquee/service/trpc";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { PaymentDeps } from "../../app/deps";
import { listOrderPayments } from "../../app/list-order-payments";
import { payOrder } from "../../app/pay-order";
import { readOrderThrough } from "../../app/read-order-through";
import { OrderingUnavailable } from "../ordering/ordering-client";
import { payErrorToTRPC } from "./errors";

/** Card details as typed; validated by the gateway rules, never stored or logged beyond last4. */
export const CardDetails = z.object({
  number: z.string().max(40),
  expMonth: z.number().int(),
  expYear: z.number().int(),
  cvc: z.string().max(8),
});
export type CardDetails = z.infer<typeof CardDetails>;

/** Web → payment: charge the signed-in customer's pending order, once per idempotency key. */
export const PayInput = z.object({
  orderId: z.uuid(),
  card: CardDetails,
  idempotencyKey: z.string().min(8).max(255),
  amountCents: z.number().int().nonnegative().optional(),
});
export type PayInput = z.infer<typeof PayInput>;

/** Web, operators → payment: every payment attempt of one order (owner or admin). */
export const PaymentsForOrderInput = z.object({ orderId: z.uuid() });
export type PaymentsForOrderInput = z.infer<typeof PaymentsForOrderInput>;

/** Payment's API. Called by the web server, which imports only the `AppRouter` type. */
export const createAppRouter = (deps: PaymentDeps) =>
  router({
    ping: publicProcedure.query(() => ({ service: "payment", time: new Date().toISOString() })),

    pay: authedProcedure.input(PayInput).mutation(async ({ ctx, input }) => {
      // A customer paying the instant checkout answered may be ahead of order-placed on Kafka.
      await readOrderThrough(
        deps,
        { token: ctx.auth.token ?? "", correlationId: ctx.correlationId },
        input.orderId,
      ).catch((error: unknown) => {
        if (!(error instanceof OrderingUnavailable)) throw error;
        ctx.log.warn({ err: error }, "ordering unavailable for read-through");
        throw new TRPCError({
          code: "SERVICE_UNAVAILABLE",
          message: "orderId: the order cannot be checked right now; try again",
        });
      });
      const result = await payOrder(deps, {
        customerId: ctx.user.id,
        orderId: input.orderId,
        card: input.card,
        idempotencyKey: input.idempotencyKey,
        amountCents: input.amountCents,
        cause: { correlationId: ctx.correlationId },
        caller: { token: ctx.auth.token ?? "", correlationId: ctx.correlationId },
      });
      if (!result.ok) throw payErrorToTRPC(result.error);
      return result.value;
    }),

    paymentsForOrder: authedProcedure.input(PaymentsForOrderInput).query(async ({ ctx, input }) => {
      const { ownerId, payments } = await listOrderPayments(deps.db, input.orderId);
      if (ownerId === null) {
        throw new TRPCError({ code: "NOT_FOUND", message: `orderId: no order ${input.orderId}` });
      }
      assertOwnerOrAdmin(ctx.user, ownerId);
      return payments;
    }),
  });

export type AppRouter = ReturnType<typeof createAppRouter>;
