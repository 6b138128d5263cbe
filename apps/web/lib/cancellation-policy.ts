import { formatMoney } from "./format";

/** An event's cancellation policy as catalog returns it. */
export type CancellationPolicy = {
  allowed: boolean;
  hoursBefore: number;
  feeCents: number | null;
  feeBasisPoints: number | null;
};

const HOUR_MS = 3_600_000;

/** "Fri 12 Dec, 19:30" in the event's time zone. */
export const formatDeadline = (instant: Date, timeZone: string, locale = "en-GB"): string => {
  const parts = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")}, ${part("hour")}:${part("minute")}`;
};

/** "2.5 %" from basis points. */
const formatPercent = (basisPoints: number): string =>
  `${(basisPoints / 100).toLocaleString("en-GB", { maximumFractionDigits: 2 })} %`;

/**
 * The policy in one sentence, as the event page and checkout state it before payment:
 * "Free cancellation until Fri 12 Dec, 19:30", "Cancellation with a €2.00 fee until …",
 * "Cancellation with a 2.5 % fee until …" or "No cancellations". The deadline is in the event's
 * time zone; one already past reads as no cancellations.
 */
export const describeCancellationPolicy = (
  policy: CancellationPolicy | undefined,
  event: { startsAt: string; timeZone: string; currency: string | null },
  now: Date = new Date(),
): string => {
  if (!policy?.allowed) return "No cancellations";
  const deadline = new Date(Date.parse(event.startsAt) - policy.hoursBefore * HOUR_MS);
  if (Number.isNaN(deadline.getTime()) || deadline < now) return "No cancellations";
  const until = formatDeadline(deadline, event.timeZone);
  if (policy.feeCents !== null && policy.feeCents > 0) {
    // Before a layout there is no currency to name the amount in.
    return event.currency
      ? `Cancellation with a ${formatMoney(policy.feeCents, event.currency)} fee until ${until}`
      : `Cancellation with a fee until ${until}`;
  }
  if (policy.feeBasisPoints !== null && policy.feeBasisPoints > 0) {
    return `Cancellation with a ${formatPercent(policy.feeBasisPoints)} fee until ${until}`;
  }
  return `Free cancellation until ${until}`;
};
