// Display formats shared by the storefront, account and organizer pages. Money is integer minor
// units with a currency; times are UTC instants shown in the event's (venue's) time zone.

/** "1,250" from 1250: counts of seats, tickets and orders, with thousands separators. */
export const formatCount = (count: number, locale = "en-GB"): string =>
  new Intl.NumberFormat(locale).format(count);

/** "€45.00" from 4500 and "EUR" ("€1,250.00" from 125000). */
export const formatMoney = (cents: number, currency: string, locale = "en-GB"): string =>
  new Intl.NumberFormat(locale, { style: "currency", currency }).format(cents / 100);

/**
 * "Sat, 12 Dec 2026, 20:30 CET": an instant in the event's (venue's) time zone. One formatter for
 * the web, the emails and the tickets PDF, kept in `@marquee/tickets/event-time`.
 */
export { formatEventTime } from "@marquee/tickets/event-time";

/** "12 Dec 2026, 20:31" in the reader's own zone, for things that happened (orders, check-ins). */
export const formatMoment = (iso: string, locale = "en-GB"): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(iso),
  );

/** "€18.50" when every seat costs the same, else "€18.50 – €60.00". */
export const formatPriceRange = (minCents: number, maxCents: number, currency: string): string =>
  minCents === maxCents
    ? formatMoney(minCents, currency)
    : `${formatMoney(minCents, currency)} – ${formatMoney(maxCents, currency)}`;
