import type { EventCause } from "@marquee/events/create-event";
import type { AuthUser } from "@marquee/service/auth";
import { lockOrder } from "../adapters/db/ordering-store";
import { findRefundRequest } from "../adapters/db/refund-store";
import type { OrderError } from "../domain/errors";
import { customerCancelRequestId } from "../domain/refund-request-id";
import { ok, type Result } from "@marquee/service/result";
import { refusing, type Refuse } from "@marquee/service/refusal";
import { TX_OPTIONS, type OrderingDeps } from "./deps";
import { reloadView } from "./load-orders";
import type { OrderView } from "./order-view";
import { decideCancellation } from "./quote-cancellation";
import { requestRefund } from "./request-refund";

export type CancelMyOrderInput = {
  user: AuthUser;
  orderId: string;
  /** Empty: every seat of the order not refunded yet. */
  seatIds: readonly string[];
  /** Sent by the buyer's page once per cancellation: the same key asks payment once. */
  idempotencyKey: string;
  cause: EventCause;
};

export const CUSTOMER_CANCEL_REASON = "You cancelled these tickets.";

/**
 * The buyer cancels their whole order or chosen seats of it within the event's policy (checked
 * against the services' clock): one refund request of kind `customer` for the seats' price minus
 * the fee, through the same saga as an organizer's refund (payment refunds, fulfillment voids the
 * tickets, inventory puts the seats back on sale, notification emails). Decided under the order's
 * row lock; the request's id comes from the order and the idempotency key, so a repeated call
 * answers with the order as it is instead of refunding twice.
 */
export const cancelMyOrder = async (
  deps: OrderingDeps,
  input: CancelMyOrderInput,
): Promise<Result<OrderView, OrderError>> => {
  const { orderId } = input;
  const requestId = customerCancelRequestId(orderId, input.idempotencyKey);
  const now = (deps.now ?? (() => new Date()))();
  const requested = await refusing((refuse: Refuse<OrderError>) =>
    deps.db.$transaction(async (tx) => {
      const order = await lockOrder(tx, orderId);
      if (!order || order.customerId !== input.user.id) {
        return refuse({ kind: "order-not-found", orderId });
      }
      if (await findRefundRequest(tx, requestId)) return;
      const decided = await decideCancellation(tx, order, { ...input, now });
      if (!decided.ok) return refuse(decided.error);
      if (decided.value.refundCents === 0) {
        return refuse({
          kind: "cancellation-fee-takes-all",
          orderId,
          feeCents: decided.value.feeCents,
        });
      }
      await requestRefund(
        tx,
        order,
        {
          id: requestId,
          kind: "customer",
          amountCents: decided.value.refundCents,
          seatIds: decided.value.seatIds,
          seatsTo: "available",
          reason: CUSTOMER_CANCEL_REASON,
          requestedBy: input.user.id,
        },
        input.cause,
      );
    }, TX_OPTIONS),
  );
  if (!requested.ok) return requested;
  deps.relay.nudge();
  return ok(await reloadView(deps.db, orderId));
};
