"use client";

import { EmptyState } from "@marquee/ui/empty-state";
import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import { trpc } from "../../../lib/trpc";
import { TicketCard } from "./ticket-card";

/** The tickets of one order (they appear a moment after the order is confirmed). */
export function OrderTickets({ orderId }: { orderId: string }) {
  const tickets = trpc.account.orderTickets.useQuery({ orderId });
  if (tickets.isPending) return <LoadingState label="Loading tickets…" />;
  if (tickets.isError)
    return <ErrorNotice message={tickets.error.message} onRetry={() => void tickets.refetch()} />;
  if (tickets.data.length === 0)
    return (
      <EmptyState title="Tickets on their way">
        <p>Your tickets are being issued; they show here in a moment.</p>
      </EmptyState>
    );
  return (
    <div className="ticket-grid">
      {tickets.data.map((ticket) => (
        <TicketCard key={ticket.ticketId} ticket={ticket} />
      ))}
    </div>
  );
}
