"use client";

import { EmptyState } from "@marquee/ui/empty-state";
import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import Link from "next/link";
import { trpc } from "../../../lib/trpc";
import { TicketCard } from "./ticket-card";

/** Every ticket of the signed-in customer, soonest event first, with QR codes for the door. */
export function MyTickets() {
  const tickets = trpc.account.tickets.useQuery();
  if (tickets.isPending) return <LoadingState label="Loading your tickets…" />;
  if (tickets.isError)
    return <ErrorNotice message={tickets.error.message} onRetry={() => void tickets.refetch()} />;
  if (tickets.data.length === 0)
    return (
      <EmptyState title="No tickets yet">
        <p>
          Tickets appear here once an order is confirmed. <Link href="/">Find an event</Link>.
        </p>
      </EmptyState>
    );
  const sorted = [...tickets.data].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <div className="ticket-grid">
      {sorted.map((ticket) => (
        <TicketCard key={ticket.ticketId} ticket={ticket} />
      ))}
    </div>
  );
}
