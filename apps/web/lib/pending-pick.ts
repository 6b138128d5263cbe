/**
 * What a visitor picked before being asked to sign in (one seat from the map, or the best seats
 * together), carried through the sign-in page in the event page's address (`?pick=…`), so the
 * page holds it once they are back, as it does after continuing as a guest.
 */
export type PendingPick =
  | { seat: { section: number; index: number } }
  | { best: { quantity: number; priceCents?: number; section?: string; accessible?: boolean } };

export const PICK_PARAM = "pick";

/** The event page's address with the pick in it: the sign-in page's `callbackUrl`. */
export const eventPathWithPick = (eventId: string, pick: PendingPick): string =>
  `/events/${eventId}?${new URLSearchParams({ [PICK_PARAM]: JSON.stringify(pick) }).toString()}`;

const isIndex = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value < 1_000_000;

/**
 * The pick in a `?pick=` value, or null when there is none or it is not one (an edited or
 * truncated address holds nothing rather than something else).
 */
export const readPick = (value: string | null): PendingPick | null => {
  if (!value) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  if ("seat" in parsed) {
    const seat = parsed.seat as { section?: unknown; index?: unknown } | null;
    if (!seat || !isIndex(seat.section) || !isIndex(seat.index)) return null;
    return { seat: { section: seat.section, index: seat.index } };
  }
  if ("best" in parsed) {
    const best = parsed.best as Record<string, unknown> | null;
    if (!best) return null;
    const { quantity, priceCents, section, accessible } = best;
    if (!isIndex(quantity) || quantity < 1 || quantity > 10) return null;
    if (priceCents !== undefined && !isIndex(priceCents)) return null;
    if (section !== undefined && (typeof section !== "string" || section.length > 100)) return null;
    if (accessible !== undefined && typeof accessible !== "boolean") return null;
    return {
      best: {
        quantity,
        ...(priceCents !== undefined ? { priceCents } : {}),
        ...(section !== undefined ? { section } : {}),
        ...(accessible !== undefined ? { accessible } : {}),
      },
    };
  }
  return null;
};
