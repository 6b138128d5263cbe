/** How long before a hold ends the cart warns that it is about to end. */
export const HOLD_WARNING_MS = 2 * 60 * 1_000;

/** Milliseconds from `now` until the warning for a hold ending at `until` is due (0: due now). */
export const msUntilHoldWarning = (until: string, now: number): number =>
  Math.max(0, Date.parse(until) - HOLD_WARNING_MS - now);
