import { rankBestAvailable, type SeatOnMap } from "./best-available";

/** What one waiting-list entry waits for: `quantity` seats, in one section or anywhere. */
export type WaitingFor = { quantity: number; section: string | null };

/** Seats are offered in layout order when no block side by side is left: dearer first, then row and number. */
const byLayout = (a: SeatOnMap, b: SeatOnMap): number =>
  b.priceCents - a.priceCents ||
  a.section.localeCompare(b.section) ||
  a.row.length - b.row.length ||
  a.row.localeCompare(b.row) ||
  a.number - b.number;

/**
 * Which free seats to offer an entry, or null when too few ordinary seats are free where it waits.
 * Seats side by side when the best-available rule finds a block (its ranking and orphan rule);
 * otherwise the first `quantity` free seats in layout order, since a waiting customer asked for a
 * number of seats, not for a block, and splitting them beats passing them over. Wheelchair spaces
 * are never offered: nobody on the list asked for one, and the public may still hold them.
 */
export const chooseOfferSeats = (
  map: readonly SeatOnMap[],
  entry: WaitingFor,
): SeatOnMap[] | null => {
  const section = entry.section ?? undefined;
  const free = map.filter(
    (seat) => seat.free && !seat.accessible && (section === undefined || seat.section === section),
  );
  if (free.length < entry.quantity) return null;
  const ranked = rankBestAvailable(map, { quantity: entry.quantity, section });
  if (ranked.ok && ranked.value[0]) return ranked.value[0].seats;
  return [...free].sort(byLayout).slice(0, entry.quantity);
};
