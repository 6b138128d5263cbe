import type { AuthUser } from "@marquee/service/auth";
import { findOrder, listItems, type OrderRow, type SqlTx } from "../adapters/db/ordering-store";
import { findEventPolicy, listRefundRequestsOfOrders } from "../adapters/db/refund-store";
import {
  formatInZone,
  quoteCancellation,
  type CancellationRefusal,
} from "../domain/cancellation-quote";
import type { OrderError } from "../domain/errors";
import { chooseSeatsToRefund, isRefundable, seatsAlreadyRefunded } from "../domain/refund-seats";
import { fail, ok, type Result } from "@marquee/service/result";

/** A deadline as the buyer reads it: the instant, and the venue's wall clock. */
export type DeadlineView = { at: string; local: string; timeZone: string };

/** What cancelling the chosen seats would give back (cancellationQuote → web), or why not. */
export type CancellationQuoteView =
  | {
      allowed: true;
      orderId: string;
      seatIds: string[];
      priceCents: number;
      feeCents: number;
      refundCents: number;
      currency: string;
      deadline: DeadlineView;
    }
  | {
      allowed: false;
      orderId: string;
      reason: CancellationRefusal["kind"];
      /** Null when the event allows no cancellations. */
      deadline: DeadlineView | null;
    };

const deadlineView = (at: Date, timeZone: string): DeadlineView => ({
  at: at.toISOString(),
  local: formatInZone(at, timeZone),
  timeZone,
});

export type CancellationDecision = {
  seatIds: string[];
  priceCents: number;
  feeCents: number;
  refundCents: number;
  deadline: DeadlineView;
};

/**
 * Whether the order's owner may cancel these seats (none named: every seat not refunded yet) at
 * `now`, and for how much. Someone else's order does not exist for them; the order must be paid
 * and the seats its own and not refunded; then the event's policy decides. Used under the order's
 * lock by cancelMyOrder, and without it for the quote.
 */
export const decideCancellation = async (
  q: SqlTx,
  order: OrderRow | null,
  input: { user: AuthUser; orderId: string; seatIds: readonly string[]; now: Date },
): Promise<Result<CancellationDecision, OrderError>> => {
  const { orderId } = input;
  if (!order || order.customerId !== input.user.id) {
    return fail({ kind: "order-not-found", orderId });
  }
  if (!isRefundable(order.status)) {
    return fail({
      kind: "order-not-in-status",
      orderId,
      status: order.status,
      action: "cancelled",
    });
  }
  const seats = (await listItems(q, [orderId])).flatMap((item) => item.seats);
  const requests = await listRefundRequestsOfOrders(q, [orderId]);
  const refunded = seatsAlreadyRefunded(seats, requests);
  const chosen = chooseSeatsToRefund(seats, refunded, input.seatIds);
  if (!chosen.ok) return fail({ orderId, ...chosen.error });
  const policy = await findEventPolicy(q, order.eventId);
  const terms = {
    allowed: policy?.allowed === true && policy.status === "published",
    hoursBefore: policy?.hoursBefore ?? 0,
    feeCents: policy?.feeCents ?? null,
    feeBasisPoints: policy?.feeBasisPoints ?? null,
    startsAt: policy?.startsAt ?? null,
  };
  const timeZone = policy?.timeZone ?? "UTC";
  const quote = quoteCancellation(terms, chosen.value.amountCents, input.now);
  if (!quote.ok) {
    if (quote.error.kind === "cancellation-not-allowed") {
      return fail({ kind: "cancellation-not-allowed", orderId });
    }
    return fail({
      kind: "cancellation-deadline-passed",
      orderId,
      deadline: quote.error.deadline.toISOString(),
      deadlineLocal: formatInZone(quote.error.deadline, timeZone),
      timeZone,
    });
  }
  return ok({
    seatIds: chosen.value.seatIds,
    priceCents: chosen.value.amountCents,
    feeCents: quote.value.feeCents,
    refundCents: quote.value.refundCents,
    deadline: deadlineView(quote.value.deadline, timeZone),
  });
};

/**
 * cancellationQuote: what the buyer would get back for these seats now, or why they cannot cancel
 * (the event allows no cancellations, or its deadline has passed, named in the venue's time zone).
 * Not their order, not paid, or seats not theirs / refunded already are errors, as for cancelMyOrder.
 */
export const quoteMyCancellation = async (
  q: SqlTx,
  input: { user: AuthUser; orderId: string; seatIds: readonly string[]; now: Date },
): Promise<Result<CancellationQuoteView, OrderError>> => {
  const order = await findOrder(q, input.orderId);
  const decided = await decideCancellation(q, order, input);
  if (decided.ok) {
    return ok({
      allowed: true,
      orderId: input.orderId,
      seatIds: decided.value.seatIds,
      priceCents: decided.value.priceCents,
      feeCents: decided.value.feeCents,
      refundCents: decided.value.refundCents,
      currency: order?.currency ?? "EUR",
      deadline: decided.value.deadline,
    });
  }
  const error = decided.error;
  if (error.kind === "cancellation-not-allowed") {
    return ok({ allowed: false, orderId: input.orderId, reason: error.kind, deadline: null });
  }
  if (error.kind === "cancellation-deadline-passed") {
    return ok({
      allowed: false,
      orderId: input.orderId,
      reason: error.kind,
      deadline: { at: error.deadline, local: error.deadlineLocal, timeZone: error.timeZone },
    });
  }
  return fail(error);
};
