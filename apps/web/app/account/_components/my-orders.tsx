"use client";

import { EmptyState } from "@marquee/ui/empty-state";
import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import Link from "next/link";
import { useState } from "react";
import { formatEventTime, formatMoment, formatMoney } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";
import { OrderStatus } from "./order-status";
import { OrderTickets } from "./order-tickets";

const HAS_TICKETS = new Set(["confirmed", "fulfilled"]);

/** The signed-in customer's orders, newest first, each with its seats, total and tickets. */
export function MyOrders() {
  const orders = trpc.account.orders.useInfiniteQuery(
    {},
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
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
                    Section {seat.section}, row {seat.row}, seat {seat.number} ·{" "}
                    {formatMoney(seat.priceCents, order.currency)}
                  </li>
                ))}
              </ul>
              <p>
                Total <strong>{formatMoney(order.totalCents, order.currency)}</strong>
              </p>
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
