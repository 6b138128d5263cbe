import { qrSvg } from "@marquee/tickets/qr";
import { formatShortCode } from "@marquee/tickets/short-code";
import type { TicketWithEventRow } from "../adapters/db/ticket-store";

/** A ticket as the web shows it: seat, event details, its code and the QR to scan. */
export type TicketView = {
  ticketId: string;
  orderId: string;
  eventId: string;
  eventName: string;
  venueName: string;
  /** ISO instant; empty while the event's details have not arrived from catalog. */
  startsAt: string;
  /** IANA zone of the venue: show startsAt in it. */
  timeZone: string;
  section: string;
  row: string;
  number: number;
  code: string;
  /** What a person types at the door, as printed: `XXXXX-XXXXX`. */
  shortCode: string;
  /** The QR of `code` as inline SVG markup. */
  qrSvg: string;
  checkedInAt: string | null;
  /** ISO instant the ticket became void, and why; both null for a valid ticket. */
  voidedAt: string | null;
  voidReason: string | null;
};

export const PENDING_EVENT_NAME = "Event details to follow";

export const toTicketView = async (row: TicketWithEventRow): Promise<TicketView> => ({
  ticketId: row.id,
  orderId: row.orderId,
  eventId: row.eventId,
  eventName: row.eventName ?? PENDING_EVENT_NAME,
  venueName: row.venueName ?? "",
  startsAt: row.startsAt?.toISOString() ?? "",
  timeZone: row.timeZone ?? "UTC",
  section: row.section,
  row: row.row,
  number: row.number,
  code: row.code,
  shortCode: formatShortCode(row.shortCode),
  qrSvg: await qrSvg(row.code),
  checkedInAt: row.checkedInAt?.toISOString() ?? null,
  voidedAt: row.voidedAt?.toISOString() ?? null,
  voidReason: row.voidReason,
});

export const toTicketViews = (rows: TicketWithEventRow[]): Promise<TicketView[]> =>
  Promise.all(rows.map(toTicketView));
