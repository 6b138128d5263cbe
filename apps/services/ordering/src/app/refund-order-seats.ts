import { randomUUID } from "node:crypto";
import type { RefundedSeatsTo } from "@marquee/events/contracts/payment";
import type { EventCause } from "@marquee/events/create-event";
import type { AuthUser } from "@marquee/service/auth";
import { listItems, lockOrder } from "../adapters/db/ordering-store";
import { listRefundRequestsOfOrders } from "../adapters/db/refund-store";
import type { OrderError } from "../domain/errors";
import { chooseSeatsToRefund, isRefundable, seatsAlreadyRefunded } from "../domain/refund-seats";
import { ok, type Result } from "@marquee/service/result";
import { refusing, type Refuse } from "@marquee/service/refusal";
import { TX_OPTIONS, type OrderingDeps } from "./deps";
import { reloadView } from "./load-orders";
import type { OrderView } from "./order-view";
import { requestRefund } from "./request-refund";

export type RefundOrderSeatsInput = {
  user: AuthUser;
  orderId: string;
  /** Empty: every seat of the order not refunded yet. */
  seatIds: readonly string[];
  reason: string;
  seatsTo: RefundedSeatsTo;
  cause: EventCause;
};

/**
 * An organizer refunds a whole order or chosen seats of it, with a reason: the seats' prices are
 * asked of payment (refund-requested), which gives the money back once and never more than was
 * paid; its payment-refunded then voids their tickets (fulfillment) and tells the buyer
 * (notification). Decided under the order's row lock, so two refunds of one seat cannot both pass.
 */
export const refundOrderSeats = async (
  deps: OrderingDeps,
  input: RefundOrderSeatsInput,
): Promise<Result<OrderView, OrderError>> => {
  const { orderId } = input;
  const requested = await refusing((refuse: Refuse<OrderError>) =>
    deps.db.$transaction(async (tx) => {
      const order = await lockOrder(tx, orderId);
      if (!order) return refuse({ kind: "order-not-found", orderId });
      if (!isRefundable(order.status)) {
        return refuse({
          kind: "order-not-in-status",
          orderId,
          status: order.status,
          action: "refunded",
        });
      }
      const seats = (await listItems(tx, [orderId])).flatMap((item) => item.seats);
      const requests = await listRefundRequestsOfOrders(tx, [orderId]);
      const refunded = seatsAlreadyRefunded(seats, requests);
      const chosen = chooseSeatsToRefund(seats, refunded, input.seatIds);
      if (!chosen.ok) return refuse({ orderId, ...chosen.error });
      await requestRefund(
        tx,
        order,
        {
          id: randomUUID(),
          kind: "organizer",
          amountCents: chosen.value.amountCents,
          seatIds: chosen.value.seatIds,
          seatsTo: input.seatsTo,
          reason: input.reason,
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
