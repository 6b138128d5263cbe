import type { ReactNode } from "react";
import { formatEventTime } from "../../../lib/format";
import { seatLabel } from "@marquee/tickets/seat-label";

export type TicketCardProps = {
  ticket: {
    ticketId: string;
    eventName: string;
    venueName: string;
    startsAt: string;
    timeZone: string;
    section: string;
    row: string;
    number: number;
    code: string;
    qrSvg: string;
    checkedInAt: string | null;
    /** Why the ticket no longer gets in (the event was cancelled, it was sent on…); null if valid. */
    voidReason?: string | null;
  };
  /** What the holder can do with it (My tickets: Transfer). */
  actions?: ReactNode;
};

/**
 * One ticket with its QR code. The SVG from fulfillment is shown as an image (a data URL), never
 * injected into the page, so it cannot run anything; the code is printed too, for typing at the door.
 */
export function TicketCard({ ticket, actions }: TicketCardProps) {
  const seat = seatLabel(ticket);
  return (
    <article className="ticket-card" aria-label={`${ticket.eventName}: ${seat}`}>
      <img
        className="ticket-qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(ticket.qrSvg)}`}
        alt={`QR code of ticket ${ticket.code}`}
        width={148}
        height={148}
      />
      <div>
        <h3>{ticket.eventName}</h3>
        <p>
          {formatEventTime(ticket.startsAt, ticket.timeZone)} · {ticket.venueName}
        </p>
        <p>{seat}</p>
        <p className="ticket-code">
          Code <code>{ticket.code}</code>
        </p>
        {ticket.checkedInAt ? <p className="status-badge">Checked in</p> : null}
        {ticket.voidReason ? <p className="status-badge">Void: {ticket.voidReason}</p> : null}
        {actions ? <div className="ticket-actions">{actions}</div> : null}
      </div>
    </article>
  );
}
