"use client";

import { EmptyState } from "@marquee/ui/empty-state";
import { ErrorNotice } from "@marquee/ui/error-notice";
import { LoadingState } from "@marquee/ui/loading-state";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { trpc } from "../../../lib/trpc";
import { TicketCard } from "./ticket-card";
import { TransferTicket } from "./transfer-ticket";

/**
 * Every ticket the signed-in person holds, soonest event first, with QR codes for the door: those
 * they bought and those sent to their confirmed address. A valid ticket not yet used can be sent
 * on (Transfer); once sent it leaves the list and the page says where it went.
 */
export function MyTickets() {
  // A new object per transfer, so sending a second ticket to the same address focuses it again.
  const [sent, setSent] = useState<{ toEmail: string } | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  // The ticket and its Transfer button are gone: focus the news instead of the page's top. The
  // notice stays mounted above whatever the list shows, so the refetch that follows keeps focus.
  useEffect(() => {
    if (sent) status.current?.focus();
  }, [sent]);
  return (
    <>
      <p
        ref={status}
        className={sent ? "transfer-status" : "visually-hidden"}
        role="status"
        tabIndex={-1}
      >
        {sent
          ? `Ticket sent to ${sent.toEmail}. We emailed it to them with a new QR code; yours no longer works.`
          : null}
      </p>
      <TicketList onSent={(toEmail) => setSent({ toEmail })} />
    </>
  );
}

function TicketList({ onSent }: { onSent: (toEmail: string) => void }) {
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
        <p>
          Someone sent you a ticket? It shows here once the address it went to is your confirmed
          email address (follow the link we emailed you, then sign in again).
        </p>
      </EmptyState>
    );
  const sorted = [...tickets.data].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <div className="ticket-grid">
      {sorted.map((ticket) => (
        <TicketCard
          key={ticket.ticketId}
          ticket={ticket}
          actions={
            ticket.voidReason === null && ticket.checkedInAt === null ? (
              <TransferTicket ticket={ticket} onSent={onSent} />
            ) : null
          }
        />
      ))}
    </div>
  );
}
