/**
 * When something at an event happens (its start, sales opening or closing), as the people going
 * there read it: in the venue's time zone with the zone's short name, so a ticket bought from
 * abroad still shows the local door time, and the hour that happens twice when the clocks go back
 * is told apart ("Sun, 25 Oct 2026, 02:30 CEST" before, "… 02:30 CET" after). `locale` picks the
 * words and their order: "Sat, 12 Dec 2026, 20:00 CET" (en-GB), "Sa., 12. Dez. 2026, 20:00 MEZ"
 * (de-DE). Used by the web, the emails and the tickets PDF alike; it imports nothing, so the
 * browser bundle can have it.
 */
export const formatEventTime = (iso: string, timeZone: string, locale = "en-GB"): string => {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return "Date to follow";
  return new Intl.DateTimeFormat(locale, {
    timeZone: isKnownTimeZone(timeZone) ? timeZone : "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(instant);
};

/** The day an event starts, in the venue's time zone: "Saturday 12 December 2026". */
export const formatEventDate = (startsAt: string, timeZone: string): string =>
  localParts(startsAt, timeZone)?.date ?? "a date to be announced";

/** The wall-clock time of an instant in a zone, 24-hour: "20:05" (at the door, the zone is known). */
export const formatLocalTime = (instant: string, timeZone: string): string =>
  localParts(instant, timeZone)?.time ?? "--:--";

const localParts = (
  iso: string,
  timeZone: string,
): { date: string; time: string; zone: string } | null => {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return null;
  const zone = isKnownTimeZone(timeZone) ? timeZone : "UTC";
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  // Assembled from parts: ICU versions disagree on the commas and words between them.
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "";
  return {
    date: `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}`,
    time: `${part("hour")}:${part("minute")}`,
    zone,
  };
};

const isKnownTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
};
