// Display formats shared by the storefront, account and organizer pages. Money is integer minor
// units with a currency; times are UTC instants shown in the event's (venue's) time zone.

// Making an Intl formatter costs far more than using one, and the browser's first one costs most
// (its number data is loaded: 60 ms in Chromium here, 230 ms with the CPU slowed 4×), while the
// seat map formats a price for each of its sections on every repaint: one formatter per locale and
// currency, made on first use, and the first made while the browser is idle (`warmFormatters`).
const numberFormats = new Map<string, Intl.NumberFormat>();
const numberFormat = (locale: string, currency?: string): Intl.NumberFormat => {
  const key = `${locale}|${currency ?? ""}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, currency ? { style: "currency", currency } : {});
    numberFormats.set(key, format);
  }
  return format;
};

/**
 * Makes the storefront's number formatter while the browser has nothing else to do, so the first
 * page that formats a price (the event page's seat map, as it appears) does not pay for loading
 * the browser's number data.
 */
export const warmFormatters = (): void => {
  numberFormat("en-GB");
};

/** "1,250" from 1250: counts of seats, tickets and orders, with thousands separators. */
export const formatCount = (count: number, locale = "en-GB"): string =>
  numberFormat(locale).format(count);

/** "€45.00" from 4500 and "EUR" ("€1,250.00" from 125000). */
export const formatMoney = (cents: number, currency: string, locale = "en-GB"): string =>
  numberFormat(locale, currency).format(cents / 100);

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
