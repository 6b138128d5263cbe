// Pure rules of when an event's seats are on sale and how its waiting room moves. No I/O here:
// the gate and the waiting room pass the clock in.

export type WaitingRoomSettings = { admitPerMinute: number; windowSeconds: number };

/** What inventory knows from catalog about an event's sale (all instants UTC). */
export type SaleSettings = {
  eventId: string;
  /** Null when no event-published/event-updated has arrived yet (only seats-generated). */
  startsAt: Date | null;
  /** Null: on sale once published. */
  salesOpenAt: Date | null;
  /** Null: on sale until the event starts. */
  salesCloseAt: Date | null;
  waitingRoom: WaitingRoomSettings | null;
  cancelled: boolean;
};

export type SaleWindowState =
  { state: "open" } | { state: "not-open"; opensAt: Date } | { state: "closed"; closedAt: Date };

/** When sales end: the set close, else the event's start, else never. */
export const salesCloseOf = (s: Pick<SaleSettings, "salesCloseAt" | "startsAt">): Date | null =>
  s.salesCloseAt ?? s.startsAt;

/** Whether holds are allowed at `now`: from the opening (inclusive) until the close (exclusive). */
export const saleWindowAt = (
  s: Pick<SaleSettings, "salesOpenAt" | "salesCloseAt" | "startsAt">,
  now: Date,
): SaleWindowState => {
  if (s.salesOpenAt && now.getTime() < s.salesOpenAt.getTime())
    return { state: "not-open", opensAt: s.salesOpenAt };
  const closesAt = salesCloseOf(s);
  if (closesAt && now.getTime() >= closesAt.getTime())
    return { state: "closed", closedAt: closesAt };
  return { state: "open" };
};

/** From when a waiting room accepts visitors: `preQueueMinutes` before the opening, or at once. */
export const queueOpensAt = (
  s: Pick<SaleSettings, "salesOpenAt">,
  preQueueMinutes: number,
): Date | null =>
  s.salesOpenAt ? new Date(s.salesOpenAt.getTime() - preQueueMinutes * 60_000) : null;

/**
 * Seconds until the visitor at `position` (1-based among those waiting) is admitted, given the
 * fraction of the next admission already accumulated; null while paused.
 */
export const estimatedWaitSeconds = (opts: {
  position: number;
  admitPerMinute: number;
  accumulated: number;
  paused: boolean;
}): number | null => {
  if (opts.paused) return null;
  const admissionsNeeded = Math.max(0, opts.position - opts.accumulated);
  return Math.ceil((admissionsNeeded * 60) / opts.admitPerMinute);
};

/** How long the room's keys stay in Redis: a day past the close (or the start), so they never pile up. */
export const waitingRoomExpiresAt = (
  s: Pick<SaleSettings, "salesCloseAt" | "startsAt">,
  now: Date,
): Date => {
  const end = salesCloseOf(s) ?? new Date(now.getTime() + 30 * 86_400_000);
  return new Date(Math.max(end.getTime(), now.getTime()) + 86_400_000);
};
