/**
 * Whether an event exists, asked of catalog at most once per event id and period: a rush of
 * viewers opening the same event's live seat map shares one answer, and viewers arriving while
 * that question is in flight wait for it instead of asking again.
 */
export type EventExistsCache = {
  /** Resolves with catalog's answer (possibly a cached one); rejects when catalog did not answer. */
  exists(eventId: string): Promise<boolean>;
  /** Answers currently remembered (for tests and bounds). */
  size(): number;
};

export const createEventExistsCache = ({
  lookup,
  foundTtlMs = 30_000,
  // Shorter, so an event published a moment after someone asked for it goes live quickly.
  missingTtlMs = 5_000,
  maxEntries = 10_000,
  now = Date.now,
}: {
  /** true: the event exists; false: catalog says there is none; throws: catalog did not answer. */
  lookup: (eventId: string) => Promise<boolean>;
  foundTtlMs?: number;
  missingTtlMs?: number;
  /** Made-up ids are remembered too, so the cache is bounded: the oldest answers go first. */
  maxEntries?: number;
  now?: () => number;
}): EventExistsCache => {
  const answers = new Map<string, { exists: boolean; until: number }>();
  const inFlight = new Map<string, Promise<boolean>>();

  const remember = (eventId: string, exists: boolean) => {
    answers.delete(eventId);
    while (answers.size >= maxEntries) {
      const oldest = answers.keys().next();
      if (oldest.done) break;
      answers.delete(oldest.value);
    }
    answers.set(eventId, { exists, until: now() + (exists ? foundTtlMs : missingTtlMs) });
  };

  return {
    exists(eventId) {
      const known = answers.get(eventId);
      if (known && known.until > now()) return Promise.resolve(known.exists);
      if (known) answers.delete(eventId);
      const pending = inFlight.get(eventId);
      if (pending) return pending;
      // A failure is not remembered: the next viewer asks catalog again.
      const asked = lookup(eventId)
        .then((exists) => {
          remember(eventId, exists);
          return exists;
        })
        .finally(() => inFlight.delete(eventId));
      inFlight.set(eventId, asked);
      return asked;
    },
    size: () => answers.size,
  };
};
