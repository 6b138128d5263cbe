import {
  callService,
  createServiceClient,
  type ServiceCaller,
} from "@marquee/service/service-client";
import type { AnyRouter } from "@trpc/server";
import { z } from "zod";

/**
 * What payment reads of ordering's `order` answer: the fields order-placed carries. Parsed at the
 * boundary, so payment depends on these fields only and not on ordering's code.
 */
const RemoteOrder = z.object({
  orderId: z.uuid(),
  customerId: z.string().min(1),
  eventId: z.uuid(),
  status: z.string(),
  totalCents: z.number().int().nonnegative(),
  currency: z.string().length(3),
  items: z.array(z.object({ reservationId: z.uuid() })),
});
export type RemoteOrder = z.infer<typeof RemoteOrder>;

/** Ordering's procedure payment calls, as it answers over HTTP. */
type OrderingApi = { order: { query(input: { orderId: string }): Promise<unknown> } };

/** Ordering could not be asked (down, timing out, answering 5xx or nothing readable). */
export class OrderingUnavailable extends Error {
  override name = "OrderingUnavailable";
}

export type OrderingClient = {
  /** The caller's order with this id, or null when ordering knows none of theirs. */
  findMyOrder(caller: ServiceCaller, orderId: string): Promise<RemoteOrder | null>;
};

/**
 * Calls ordering's tRPC API with the customer's own bearer token, so ordering applies its own
 * ownership rules (someone else's order is NOT_FOUND). An outage, an answer that is not an order,
 * or a refusal that should never happen throws OrderingUnavailable, which the router answers as
 * SERVICE_UNAVAILABLE.
 */
export const createOrderingClient = (
  url: string,
  { timeoutMs = 5_000 }: { timeoutMs?: number } = {},
): OrderingClient => ({
  async findMyOrder(caller, orderId) {
    const ordering = createServiceClient<AnyRouter>({ url, timeoutMs }, caller) as unknown;
    const answer = await callService(() => (ordering as OrderingApi).order.query({ orderId }));
    if (!answer.ok) {
      const { error } = answer;
      if (error.kind === "refused" && error.code === "NOT_FOUND") return null;
      throw new OrderingUnavailable(
        `ordering order: ${error.kind === "refused" ? `${error.code} ` : ""}${error.message}`,
      );
    }
    const order = RemoteOrder.safeParse(answer.value);
    if (!order.success) {
      throw new OrderingUnavailable(`ordering order: unreadable answer (${order.error.message})`);
    }
    return order.data;
  },
});
