import type { WaitingRoomDeps } from "./waiting-room-deps";
import {
  hasWaitingRoom,
  isOver,
  notRequired,
  stepRoom,
  toStatus,
  type WaitingRoomStatus,
} from "./waiting-room-status";

/**
 * Where the visitor stands: also what a reload shows (the place is kept in Redis), and how an
 * admitted visitor gets (again) the admission token for the rest of the shopping window.
 */
export const getWaitingRoomStatus = async (
  deps: WaitingRoomDeps,
  input: { eventId: string; visitorId: string },
): Promise<WaitingRoomStatus> => {
  const now = deps.now();
  const settings = await deps.settings(input.eventId);
  if (!hasWaitingRoom(settings)) return notRequired(input.eventId, settings, now);
  const snapshot = isOver(settings, now)
    ? await stepRoom(deps, settings, now, { op: "read" })
    : await stepRoom(deps, settings, now, { op: "read", visitorId: input.visitorId });
  return toStatus(deps, settings, snapshot, input.visitorId, now);
};
