import { renderTicketsPdf } from "@marquee/tickets/tickets-pdf";
import type { TicketWithEventRow } from "../adapters/db/ticket-store";

/** The order's tickets as one PDF, one page per ticket, with the event as the projection knows it. */
export const renderOrderPdf = (orderId: string, rows: TicketWithEventRow[]): Promise<Buffer> => {
  const first = rows[0];
  const event =
    first?.eventName && first.startsAt && first.timeZone
      ? {
          name: first.eventName,
          venueName: first.venueName ?? "",
          startsAt: first.startsAt.toISOString(),
          timeZone: first.timeZone,
        }
      : null;
  return renderTicketsPdf({
    orderId,
    event,
    tickets: rows.map((r) => ({
      ticketId: r.id,
      section: r.section,
      row: r.row,
      number: r.number,
      code: r.code,
      shortCode: r.shortCode,
    })),
  });
};
