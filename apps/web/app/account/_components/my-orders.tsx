"use client";

import { EmptyState } from "@marquee/ui/empty-state";
import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import Link from "next/link";
import { useState } from "react";
import { formatEventTime, formatMoment, formatMoney } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";
import { CancelTickets } from "./cancel-tickets";
import { OrderStatus } from "../../../components/order-status";
import { OrderTickets } from "./order-tickets";
import { seatLabel } from "@marquee/tickets/seat-label";

const HAS_TICKETS = new Set(["confirmed", "fulfilled"]);
// A refund lands through Kafka a few seconds after it is asked for; the list follows it.
const REFUND_POLL_MS = 2_000;

/** The signed-in customer's orders, newest first, each with its seats, total and tickets. */
export function MyOrders() {
  const orders = trpc.account.orders.useInfiniteQuery(
    {},
    {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      refetchInterval: (query) =>
        query.state.data?.pages.some((page) =>
          page.items.some((order) => order.refunds.some((r) => r.status === "requested")),
        )
          ? REFUND_POLL_MS
          : false,
    },
  );
  const [open, setOpen] = useState<string | null>(null);

  if (orders.isPending) return <LoadingState label="Loading your orders…" />;
  if (orders.isError)
    return <ErrorNotice message={orders.error.message} onRetry={() => void orders.refetch()} />;
  const items = orders.data.pages.flatMap((page) => page.items);
  if (items.length === 0)
    return (
      <EmptyState title="No orders yet">
        <p>
          When you buy tickets they appear here. <Link href="/">Find an event</Link>.
        </p>
      </EmptyState>
    );

  return (
    <div className="stack">
      <ul className="order-list" aria-label="Orders">
        {items.map((order) => {
          const seats = order.items.flatMap((item) => item.seats);
          // A refund payment refused gave nothing back: its seats stay as they were.
          const standing = order.refunds.filter((r) => r.status !== "refused");
          const wholeOrderRefunded = standing.some((r) => r.kind === "event-cancelled");
          const refunded = new Set(
            wholeOrderRefunded ? seats.map((s) => s.seatId) : standing.flatMap((r) => r.seatIds),
          );
          const ticketsShown = open === order.orderId;
          return (
            <li key={order.orderId} className="order-card" data-testid="order">
              <div className="order-head">
                <h2>{order.event?.name ?? "Event no longer listed"}</h2>
                <OrderStatus status={order.status} />
              </div>
              {order.event ? (
                <p>
                  {formatEventTime(order.event.startsAt, order.event.timeZone)} ·{" "}
                  {order.event.venueName}
                </p>
              ) : null}
              <p className="field-hint">
                Order {order.orderId.slice(0, 8)} · placed {formatMoment(order.createdAt)}
              </p>
              <ul className="seat-list" aria-label="Seats">
                {seats.map((seat) => (
                  <li key={seat.seatId}>
                    {seatLabel(seat)} · {formatMoney(seat.priceCents, order.currency)}
                    {refunded.has(seat.seatId) ? " · cancelled" : ""}
                  </li>
                ))}
              </ul>
              <p>
                Total <strong>{formatMoney(order.totalCents, order.currency)}</strong>
              </p>
              {order.refunds.length > 0 ? (
                <ul className="refund-list" aria-label="Refunds" data-testid="refunds">
                  {order.refunds.map((r) => (
                    <li key={r.requestId}>
                      {r.status === "refused"
                        ? `Refund not made: ${r.refusal ?? "refused by payment"}`
                        : r.status === "refunded" && r.amountCents !== null
                          ? `Refunded ${formatMoney(r.amountCents, order.currency)}`
                          : r.amountCents !== null
                            ? `Refund of ${formatMoney(r.amountCents, order.currency)} on its way`
                            : "Refund on its way"}{" "}
                      · {r.reason}
                    </li>
                  ))}
                </ul>
              ) : null}
              {order.lastPaymentError && !HAS_TICKETS.has(order.status) ? (
                <p className="field-error">{order.lastPaymentError.message}</p>
              ) : null}
              {HAS_TICKETS.has(order.status) ? (
                <div className="actions">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-expanded={ticketsShown}
                    aria-controls={`tickets-${order.orderId}`}
                    onClick={() => setOpen(ticketsShown ? null : order.orderId)}
                  >
                    {ticketsShown ? "Hide tickets" : "Show tickets"}
                  </button>
                  <a
                    className="button button-small"
                    href={`/api/orders/${order.orderId}/tickets.pdf`}
                    download
                  >
                    Download tickets (PDF)
                  </a>
                </div>
              ) : null}
              {HAS_TICKETS.has(order.status) ? (
                <CancelTickets
                  orderId={order.orderId}
                  currency={order.currency}
                  seats={seats.filter((s) => !refunded.has(s.seatId))}
                />
              ) : null}
              {ticketsShown ? (
                <div id={`tickets-${order.orderId}`}>
                  <OrderTickets orderId={order.orderId} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {orders.hasNextPage ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={orders.isFetchingNextPage}
          onClick={() => void orders.fetchNextPage()}
        >
          {orders.isFetchingNextPage ? "Loading…" : "Show older orders"}
        </button>
      ) : null}
    </div>
  );
}
