"use client";

import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import Link from "next/link";
import { formatEventTime, formatMoment, formatMoney } from "../../../lib/format";
import { trpc } from "../../../lib/trpc";
import type { Delivery, OrderStatus, OrderView, TicketView } from "../../../server/order-shapes";
import { seatLabel } from "@marquee/tickets/seat-label";

const FINAL_FAILURES: Partial<Record<OrderStatus, string>> = {
  expired: "The hold on your seats expired before the payment completed.",
  cancelled: "This order was cancelled.",
  failed: "Your seats could not be confirmed, so the payment is being refunded in full.",
  refunded: "Your seats could not be confirmed; the payment has been refunded in full.",
};

const STEPS: readonly string[] = [
  "Payment received",
  "Seats confirmed",
  "Tickets issued",
  "Email sent",
];

const progressOf = (
  order: OrderView,
  tickets: TicketView[] | null,
  email: Delivery | undefined,
) => {
  if (email?.status === "sent") return 4;
  if (tickets && tickets.length > 0) return 3;
  if (order.status === "confirmed" || order.status === "fulfilled") return 2;
  if (order.status === "paid") return 1;
  return 0;
};

/**
 * The order after payment: payment reaches the order through Kafka, so the page asks again every
 * second until the tickets are issued and the email has gone (or failed), showing each step.
 */
export function OrderConfirmation({ orderId }: { orderId: string }) {
  const query = trpc.checkout.confirmation.useQuery(
    { orderId },
    {
      refetchInterval: (q) => {
        const data = q.state.data;
        if (!data) return 1000;
        const order = data.order;
        if (FINAL_FAILURES[order.status] || order.status === "payment_failed") return false;
        const email = data.deliveries?.find((d) => d.kind === "tickets");
        const settled = email && email.status !== "pending";
        return settled && (data.tickets?.length ?? 0) > 0 ? false : 1000;
      },
    },
  );

  if (query.isPending) return <LoadingState label="Loading your order…" />;
  if (query.isError)
    return (
      <ErrorNotice
        title="Your order could not be loaded"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );

  const order = query.data.order;
  const tickets = query.data.tickets;
  const deliveries = query.data.deliveries ?? [];
  const email = deliveries.find((d) => d.kind === "tickets");
  const failure = FINAL_FAILURES[order.status];
  const step = progressOf(order, tickets, email);
  const seats = order.items.flatMap((item) => item.seats);

  if (order.status === "payment_failed" || order.status === "pending" || order.status === "draft") {
    return (
      <>
        <h1>Payment not completed</h1>
        <p>
          {order.lastPaymentError?.message ?? "This order has not been paid yet."}{" "}
          <Link href={`/checkout/${orderId}`}>Go to checkout</Link>
        </p>
      </>
    );
  }

  return (
    <div className="confirmation">
      <h1>{failure ? "Your order could not be completed" : "Thank you — your order is in"}</h1>
      {failure ? (
        <p className="error-notice" role="alert">
          {failure}
        </p>
      ) : (
        <ol className="progress-steps" aria-label="Order progress" data-testid="order-progress">
          {STEPS.map((label, i) => (
            <li
              key={label}
              data-done={i < step || undefined}
              aria-current={i === step ? "step" : undefined}
            >
              {label}
              <span className="visually-hidden">{i < step ? " — done" : " — waiting"}</span>
            </li>
          ))}
        </ol>
      )}
      <p className="visually-hidden" role="status">
        {failure ?? (step < STEPS.length ? `${STEPS[step]}…` : "All done.")}
      </p>
      <section aria-labelledby="order-title" className="order-summary">
        <h2 id="order-title">Order {order.orderId.slice(0, 8)}</h2>
        <ul className="cart-seats">
          {seats.map((seat) => (
            <li key={seat.seatId}>
              <span>{seatLabel(seat)}</span>
              <span className="cart-price">{formatMoney(seat.priceCents, order.currency)}</span>
            </li>
          ))}
        </ul>
        <p className="cart-total">
          Total <strong>{formatMoney(order.totalCents, order.currency)}</strong>
        </p>
      </section>
      {!failure ? (
        <section aria-labelledby="email-title">
          <h2 id="email-title">Email</h2>
          <p data-testid="email-status">
            {!email || email.status === "pending"
              ? `Sending your tickets to ${email?.to ?? order.email}…`
              : email.status === "sent"
                ? `Your tickets were emailed to ${email.to}${email.sentAt ? ` at ${formatMoment(email.sentAt)}` : ""}.`
                : `We could not email your tickets to ${email.to}${email.lastError ? ` (${email.lastError})` : ""}; download them below.`}
          </p>
        </section>
      ) : null}
      {tickets && tickets.length > 0 ? (
        <section aria-labelledby="tickets-title">
          <div className="section-head">
            <h2 id="tickets-title">Your tickets</h2>
            <a className="button button-small" href={`/api/orders/${orderId}/tickets.pdf`} download>
              Download PDF
            </a>
          </div>
          <ul className="ticket-list">
            {tickets.map((ticket) => (
              <li key={ticket.ticketId} className="ticket">
                <img
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(ticket.qrSvg)}`}
                  alt={`QR code of ticket ${ticket.code}`}
                  width={140}
                  height={140}
                />
                <div>
                  <p className="ticket-event">{ticket.eventName}</p>
                  <p>{formatEventTime(ticket.startsAt, ticket.timeZone)}</p>
                  <p>{ticket.venueName}</p>
                  <p>{seatLabel(ticket)}</p>
                  <p className="muted ticket-code">{ticket.code}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : !failure ? (
        <LoadingState label="Issuing your tickets…" />
      ) : null}
    </div>
  );
}
