import type { OrderStatus } from "../server/order-shapes";

/**
 * Whether the customer's order for an event is still theirs to finish: the cart (draft) or the
 * order placed at payment that has not been paid (pending, or its card declined). Its seats are
 * the customer's on the seat map and in the cart.
 */
export const isOpenOrder = (order: { status: OrderStatus } | null | undefined): boolean =>
  order?.status === "draft" || order?.status === "pending" || order?.status === "payment_failed";
