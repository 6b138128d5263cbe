// Display formats shared by the storefront, account and organizer pages. Money is integer minor
// units with a currency; times are UTC instants shown in the event's (venue's) time zone.

/** "€45.00" from 4500 and "EUR". */
export const formatMoney = (cents: number, currency: string, locale = "en-GB"): string =>
  new Intl.NumberFormat(locale, { style: "currency", currency }).format(cents / 100);

/**
 * "Sat 12 Dec 2026, 20:30 CET" for an instant in a time zone; "Date to follow" when the instant is
 * not known yet (a ticket issued before its event's details arrived).
 */
export const formatEventTime = (iso: string, timeZone: string, locale = "en-GB"): string =>
  Number.isNaN(Date.parse(iso))
    ? "Date to follow"
    : new Intl.DateTimeFormat(locale, {
        timeZone,
        weekday: "short",
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZoneName: "short",
      }).format(new Date(iso));

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
