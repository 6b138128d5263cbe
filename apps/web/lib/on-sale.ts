// When an event is on sale, and how the time left to a moment is shown and spoken. Pure functions,
// shared by the event page's countdowns and its waiting room; instants are UTC underneath and shown
// in the event's zone.
import { formatEventTime } from "./format";

/** The sales window of an event as catalog gives it (ISO instants; null = not set). */
export type SalesWindow = {
  startsAt: string;
  salesOpenAt: string | null;
  salesCloseAt: string | null;
};

export type SalesPhase = "before-open" | "open" | "closed";

/** When sales close: the set closing, or else the start of the event. */
export const salesCloseOf = (event: SalesWindow): number =>
  Date.parse(event.salesCloseAt ?? event.startsAt);

/** Where `now` falls: before the opening, on sale, or after the close (as inventory decides). */
export const salesPhase = (event: SalesWindow, now: number): SalesPhase => {
  if (now >= salesCloseOf(event)) return "closed";
  if (event.salesOpenAt && now < Date.parse(event.salesOpenAt)) return "before-open";
  return "open";
};

/** The next instant the phase changes, or null when it never will (closed). */
export const nextPhaseChange = (event: SalesWindow, now: number): number | null => {
  const open = event.salesOpenAt ? Date.parse(event.salesOpenAt) : null;
  if (open !== null && now < open) return open;
  const close = salesCloseOf(event);
  return now < close ? close : null;
};

const two = (n: number) => String(n).padStart(2, "0");

/** "2 d 03:04:05", "3:04:05", "4:05": the visible clock, ticking every second. */
export const formatTimeLeft = (ms: number): string => {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days} d ${two(hours)}:${two(minutes)}:${two(seconds)}`;
  if (hours > 0) return `${hours}:${two(minutes)}:${two(seconds)}`;
  return `${minutes}:${two(seconds)}`;
};

/**
 * The time left in words, coarse enough that a live region reading it is not flooded: it changes
 * by the day, the hour, five minutes, then each minute, then at one minute and ten seconds.
 */
export const spokenTimeLeft = (ms: number): string => {
  const minutes = ms / 60_000;
  if (ms <= 0) return "now";
  if (minutes >= 2 * 24 * 60) return `${Math.floor(minutes / (24 * 60))} days`;
  if (minutes >= 120) return `about ${Math.round(minutes / 60)} hours`;
  if (minutes >= 10) return `about ${Math.ceil(minutes / 5) * 5} minutes`;
  if (minutes > 1) return `${Math.ceil(minutes)} minutes`;
  if (ms > 10_000) return "less than a minute";
  return "a few seconds";
};

/** "about 4 minutes" / "less than a minute" for a waiting room's estimate in seconds. */
export const spokenWait = (seconds: number): string =>
  seconds < 60 ? "less than a minute" : spokenTimeLeft(seconds * 1000);

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * A service's message with its ISO instants written in the event's zone ("Sales for this event
 * open at 2026-12-01T09:00:00.000Z" → "… open at Tue, 1 Dec 2026, 10:00 CET").
 */
export const withInstantsIn = (message: string, timeZone: string): string =>
  message.replace(ISO_INSTANT, (iso) => formatEventTime(iso, timeZone));

/** "09:00 GMT" in the reader's own zone, or null when that zone shows the same wall-clock time. */
export const readerTime = (iso: string, eventTimeZone: string): string | null => {
  const at = new Date(iso);
  const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const wall = (timeZone?: string) =>
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
    }).format(at);
  if (readerZone === eventTimeZone || wall(readerZone) === wall(eventTimeZone)) return null;
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
};
