import { TRPCClientError } from "@trpc/client";
import { z } from "zod";
import { authedProcedure, router } from "../trpc";

/** Browser → web: pay a pending order by card; one idempotency key per attempt. */
export const PayInput = z.object({
  orderId: z.uuid(),
  idempotencyKey: z.string().min(8).max(255),
  card: z.object({
    number: z
      .string()
      .transform((value) => value.replace(/[\s-]/g, ""))
      .pipe(z.string().regex(/^\d{12,19}$/, "card number: 12 to 19 digits")),
    expMonth: z.number().int().min(1, "expiry month: 1 to 12").max(12, "expiry month: 1 to 12"),
    expYear: z.number().int().min(2000, "expiry year: four digits").max(2100),
    cvc: z.string().regex(/^\d{3,4}$/, "security code: 3 or 4 digits"),
  }),
});
export type PayInput = z.infer<typeof PayInput>;

const OrderIdInput = z.object({ orderId: z.uuid() });

// Payment learns of a checked-out order through Kafka, a moment after ordering answers; until
// then it does not know the order. Waiting here keeps that detail away from the customer.
const PAYMENT_CATCH_UP_MS = 15_000;
const isNotFound = (error: unknown) =>
  error instanceof TRPCClientError &&
  (error.data as { code?: string } | undefined)?.code === "NOT_FOUND";

export const checkoutRouter = router({
  order: authedProcedure
    .input(OrderIdInput)
    .query(({ ctx, input }) => ctx.services.ordering.order.query(input)),

  /** Charges the card; a decline is an answer (status `failed` with a message), not an error. */
  pay: authedProcedure.input(PayInput).mutation(async ({ ctx, input }) => {
    const deadline = Date.now() + PAYMENT_CATCH_UP_MS;
    for (;;) {
      try {
        return await ctx.services.payment.pay.mutate(input);
      } catch (error) {
        if (!isNotFound(error) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }),

  /** What the confirmation page shows: the order, its tickets and whether the email went out. */
  confirmation: authedProcedure.input(OrderIdInput).query(async ({ ctx, input }) => {
    const order = await ctx.services.ordering.order.query(input);
    const issued = order.status === "fulfilled" || order.status === "confirmed";
    const [tickets, deliveries] = issued
      ? await Promise.all([
          ctx.services.fulfillment.orderTickets.query(input).catch(() => null),
          ctx.services.notification.deliveries.query(input).catch(() => null),
        ])
      : [[], []];
    return { order, tickets, deliveries };
  }),
});
