/**
 * Whether a seat map fetched at `mapRevision` already holds everything the live feed will not
 * bring: the feed sends every change above `feedRevision` (its `ready` message), and the map holds
 * every change up to its own revision. Unknown on either side means fetch again.
 */
export const mapIsCurrent = (
  mapRevision: number | null | undefined,
  feedRevision: number | null | undefined,
): boolean => mapRevision != null && feedRevision != null && mapRevision >= feedRevision;

/** The revision in the feed's `ready` message (`{"revision": n}`); null when absent or unreadable. */
export const readyRevision = (data: string): number | null => {
  try {
    const revision = (JSON.parse(data) as { revision?: unknown } | null)?.revision;
    return typeof revision === "number" && Number.isSafeInteger(revision) ? revision : null;
  } catch {
    return null;
  }
};
