import { z } from "zod";
import type { OrderView } from "../order-shapes";
import type { Services } from "../services";
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

const paidIfCharged = async (services: Services, order: OrderView): Promise<OrderView> => {
  if (order.status !== "pending" && order.status !== "payment_failed") return order;
  const payments = await services.payment.paymentsForOrder
    .query({ orderId: order.orderId })
    .catch(() => []);
  return payments.some((payment) => payment.status === "succeeded")
    ? { ...order, status: "paid", lastPaymentError: null }
    : order;
};

export const checkoutRouter = router({
  order: authedProcedure
    .input(OrderIdInput)
    .query(({ ctx, input }) => ctx.services.ordering.order.query(input)),

  /**
   * Places the cart (draft → pending, its total fixed; an order already placed answers again) and
   * charges the card; a decline is an answer (status `failed` with a message), not an error. The
   * cart is placed here rather than when the checkout page opens, so a customer who goes back to
   * the seat map keeps adding to the same cart. One call is the outcome: payment reads an order
   * it has not heard of from Kafka yet through from ordering, so nothing here waits or retries.
   */
  pay: authedProcedure.input(PayInput).mutation(async ({ ctx, input }) => {
    await ctx.services.ordering.checkout.mutate({ orderId: input.orderId });
    return ctx.services.payment.pay.mutate(input);
  }),

  /**
   * What the confirmation page shows: the order, its tickets and whether the email went out.
   * Payment holds the money's truth: right after a successful `pay` ordering may still say
   * `pending` or `payment_failed` (an earlier decline) until payment-succeeded reaches it, so an
   * order awaiting payment that payment has charged is shown as `paid`.
   */
  confirmation: authedProcedure.input(OrderIdInput).query(async ({ ctx, input }) => {
    const order = await paidIfCharged(ctx.services, await ctx.services.ordering.order.query(input));
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
