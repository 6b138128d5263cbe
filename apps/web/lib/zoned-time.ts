/** Minutes east of UTC that `timeZone` is at instant `utcMs` (e.g. 60 for Europe/Paris in winter). */
const offsetMinutes = (utcMs: number, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
};

/**
 * The wall-clock `YYYY-MM-DDTHH:mm` (or `…:ss` with `seconds`) of an instant in a time zone (for
 * pre-filling a form).
 */
export const utcToZonedInput = (instant: Date, timeZone: string, seconds = false): string => {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant.getTime(), timeZone) * 60_000);
  return shifted.toISOString().slice(0, seconds ? 19 : 16);
};
