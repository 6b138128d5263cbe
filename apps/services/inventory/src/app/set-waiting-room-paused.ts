import type { WaitingRoomDeps } from "./waiting-room-deps";
import { getWaitingRoomStats } from "./get-waiting-room-stats";

/**
 * Pauses or resumes admission (organizer). While paused nobody new is admitted and no admissions
 * accumulate; those already admitted keep their window. Idempotent; answers the stats.
 */
export const setWaitingRoomPaused = (
  deps: WaitingRoomDeps,
  input: { eventId: string; paused: boolean },
) =>
  getWaitingRoomStats(deps, {
    eventId: input.eventId,
    op: { op: input.paused ? "pause" : "resume" },
  });
