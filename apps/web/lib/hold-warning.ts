/** How long before a hold ends the cart warns that it is about to end. */
export const HOLD_WARNING_MS = 2 * 60 * 1_000;

/** Milliseconds from `now` until the warning for a hold ending at `until` is due (0: due now). */
export const msUntilHoldWarning = (until: string, now: number): number =>
  Math.max(0, Date.parse(until) - HOLD_WARNING_MS - now);

type HeldItem = { reservationId: string; expiresAt: string; extendedAt: string | null };

/**
 * Whether the warning for the hold ending at `until` may offer an extension: the event allows
 * one (`minutes` > 0) and none of the holds ending first has had its one extension yet.
 */
export const canExtendHold = (
  items: readonly HeldItem[],
  until: string,
  minutes: number,
): boolean => {
  const first = items.filter((item) => item.expiresAt === until);
  return minutes > 0 && first.length > 0 && first.every((item) => item.extendedAt === null);
};

/**
 * The holds "Keep my seats" extends: those not extended yet that end within the warning's two
 * minutes of the first (seats picked moments apart are kept together); a later hold keeps its own
 * extension for its own warning.
 */
export const holdsToExtend = (items: readonly HeldItem[], until: string): string[] =>
  items
    .filter(
      (item) =>
        item.extendedAt === null &&
        Date.parse(item.expiresAt) < Date.parse(until) + HOLD_WARNING_MS,
    )
    .map((item) => item.reservationId);
