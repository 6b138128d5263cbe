// Wall-clock times in a venue's IANA time zone, for catalog (organizers type the poster's time)
// and the web (organizer forms pre-filled in the venue's zone).
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

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The UTC instant of a wall-clock time (`YYYY-MM-DDTHH:mm`, or with `:ss`, as `<input type="datetime-local">`
 * gives it) in an IANA time zone: organizers give the time printed on the poster, in the venue's
 * zone, whatever their own computer's zone is. Null when the text is not such a time. A time that
 * a DST jump skips resolves to the instant one offset later, as clocks do.
 */
export const zonedTimeToUtc = (local: string, timeZone: string): Date | null => {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = 0] = match.map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return null;
  // The offset at the guess, then at the corrected instant (they differ only around a DST change).
  const first = wall - offsetMinutes(wall, timeZone) * 60_000;
  return new Date(wall - offsetMinutes(first, timeZone) * 60_000);
};

/**
 * The wall-clock `YYYY-MM-DDTHH:mm` (or `…:ss` with `seconds`) of an instant in a time zone (for
 * pre-filling a form).
 */
export const utcToZonedInput = (instant: Date, timeZone: string, seconds = false): string => {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant.getTime(), timeZone) * 60_000);
  return shifted.toISOString().slice(0, seconds ? 19 : 16);
};
