import { fail, ok, type Result } from "@marquee/service/result";

/** An event's cancellation policy as ordering keeps it from catalog's events. */
export type CancellationTerms = {
  allowed: boolean;
  hoursBefore: number;
  feeCents: number | null;
  feeBasisPoints: number | null;
  /** Null: ordering has not heard the event's start yet, so no deadline can be told. */
  startsAt: Date | null;
};

export type CancellationRefusal =
  { kind: "cancellation-not-allowed" } | { kind: "cancellation-deadline-passed"; deadline: Date };

export type CancellationQuote = {
  /** What goes back to the buyer: the seats' price minus the fee. */
  refundCents: number;
  feeCents: number;
  deadline: Date;
};

const HOUR_MS = 3_600_000;

/** The last moment a buyer may cancel; null when the policy allows none. */
export const cancellationDeadline = (terms: CancellationTerms): Date | null =>
  terms.allowed && terms.startsAt
    ? new Date(terms.startsAt.getTime() - terms.hoursBefore * HOUR_MS)
    : null;

/**
 * The fee on seats costing `priceCents`: fixed, or basis points of the price rounded down (in
 * the buyer's favour), never more than the price itself.
 */
export const cancellationFee = (terms: CancellationTerms, priceCents: number): number => {
  const fee =
    terms.feeCents ??
    (terms.feeBasisPoints === null ? 0 : Math.floor((priceCents * terms.feeBasisPoints) / 10_000));
  return Math.min(fee, priceCents);
};

/**
 * What cancelling seats costing `priceCents` gives back at `now`, or why it is refused: the event
 * does not allow it (or its start is unknown), or the deadline (hours before the start) has passed.
 * The deadline itself is still inside the policy.
 */
export const quoteCancellation = (
  terms: CancellationTerms,
  priceCents: number,
  now: Date,
): Result<CancellationQuote, CancellationRefusal> => {
  const deadline = cancellationDeadline(terms);
  if (!deadline) return fail({ kind: "cancellation-not-allowed" });
  if (now > deadline) return fail({ kind: "cancellation-deadline-passed", deadline });
  const feeCents = cancellationFee(terms, priceCents);
  return ok({ refundCents: priceCents - feeCents, feeCents, deadline });
};

/** "Fri 12 Dec 2026, 19:30" in the venue's time zone. */
export const formatInZone = (instant: Date, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}, ${part("hour")}:${part("minute")}`;
};
