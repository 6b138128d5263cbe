/**
 * When an event starts, as the people going there read it: in the venue's time zone, with the zone
 * named, so a ticket bought from abroad still shows the local door time.
 */
export const formatEventTime = (startsAt: string, timeZone: string): string => {
  const instant = new Date(startsAt);
  if (Number.isNaN(instant.getTime())) return "time to be announced";
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
  const date = `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}`;
  return `${date}, ${part("hour")}:${part("minute")} (${zone})`;
};

const isKnownTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
};
