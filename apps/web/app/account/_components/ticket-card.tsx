import { formatEventTime } from "../../../lib/format";

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
  };
};

/**
 * One ticket with its QR code. The SVG from fulfillment is shown as an image (a data URL), never
 * injected into the page, so it cannot run anything; the code is printed too, for typing at the door.
 */
export function TicketCard({ ticket }: TicketCardProps) {
  const seat = `Section ${ticket.section}, row ${ticket.row}, seat ${ticket.number}`;
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
      </div>
    </article>
  );
}
