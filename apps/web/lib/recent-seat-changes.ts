import type { SeatChange } from "@marquee/ui/seat-map-model";

/**
 * The live changes a page applied, kept so a seat map that arrives after them does not undo
 * them: a map of revision R holds every change up to R, so the changes above R are applied again
 * on top of it (in revision order). A change without a revision cannot be placed against a map
 * and is not kept; a map without a revision forgets them all (it is taken as the truth, as
 * before revisions). At most `limit` changes are kept, the oldest dropped first.
 */
export const createRecentSeatChanges = (limit = 2_000) => {
  let changes: SeatChange[] = [];
  return {
    add(change: SeatChange) {
      if (change.revision == null) return;
      changes.push(change);
      if (changes.length > limit) changes = changes.slice(changes.length - limit);
    },
    /** The changes a map of `revision` does not hold, oldest first; those it holds are forgotten. */
    above(revision: number | null | undefined): SeatChange[] {
      changes =
        revision == null ? [] : changes.filter((change) => (change.revision ?? 0) > revision);
      return [...changes].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    },
  };
};
