// The events page's search form lives in the URL (?q=&from=&to=), so results can be shared and the
// form works before any script has loaded.

export type EventFilters = { q: string; from: string; to: string; cursor: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const one = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) ?? "";

export const readFilters = (
  params: Record<string, string | string[] | undefined>,
): EventFilters => ({
  q: one(params.q).slice(0, 200),
  from: DAY.test(one(params.from)) ? one(params.from) : "",
  to: DAY.test(one(params.to)) ? one(params.to) : "",
  cursor: one(params.cursor).slice(0, 200),
});

/**
 * Catalog's listEvents input. Days are whole UTC days widened by 14 hours either side, so an event
 * on that day in any venue's time zone is included; the page then keeps the events whose local
 * date falls in the range.
 */
export const toListInput = (filters: EventFilters) => {
  const widen = 14 * 3_600_000;
  const from = filters.from ? new Date(Date.parse(`${filters.from}T00:00:00Z`) - widen) : null;
  const to = filters.to ? new Date(Date.parse(`${filters.to}T23:59:59Z`) + widen) : null;
  return {
    query: filters.q || undefined,
    from: from?.toISOString(),
    to: to && (!from || to >= from) ? to.toISOString() : undefined,
    cursor: filters.cursor || undefined,
    limit: 12,
  };
};

/** The event's date (YYYY-MM-DD) in its own time zone. */
export const localDay = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(iso));

export const withinDays = (filters: EventFilters, iso: string, timeZone: string) => {
  const day = localDay(iso, timeZone);
  return (!filters.from || day >= filters.from) && (!filters.to || day <= filters.to);
};
