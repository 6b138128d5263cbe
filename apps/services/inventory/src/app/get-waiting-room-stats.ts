import type { WaitingRoomOp } from "../adapters/redis/waiting-room-store";
import type { WaitingRoomDeps } from "./waiting-room-deps";
import { hasWaitingRoom, stepRoom } from "./waiting-room-status";

/** Inventory → organizer (web): an event's waiting room at a glance. */
export type WaitingRoomStats = {
  eventId: string;
  /** Visitors still waiting (pre-queue included). */
  queued: number;
  /** Visitors admitted so far. */
  admitted: number;
  admittedLastMinute: number;
  admitPerMinute: number;
  windowSeconds: number;
  paused: boolean;
  /** When sales open (ISO UTC); null when not set. */
  opensAt: string | null;
};

export type StatsError = { kind: "no-waiting-room"; eventId: string };

/** Stats of the room, after applying `op` (a plain read, a pause or a resume). */
export const getWaitingRoomStats = async (
  deps: WaitingRoomDeps,
  input: { eventId: string; op?: Extract<WaitingRoomOp, { op: "read" | "pause" | "resume" }> },
): Promise<{ ok: true; value: WaitingRoomStats } | { ok: false; error: StatsError }> => {
  const now = deps.now();
  const settings = await deps.settings(input.eventId);
  if (!hasWaitingRoom(settings))
    return { ok: false, error: { kind: "no-waiting-room", eventId: input.eventId } };
  const snapshot = await stepRoom(deps, settings, now, input.op ?? { op: "read" });
  return {
    ok: true,
    value: {
      eventId: input.eventId,
      queued: Math.max(0, snapshot.size - Math.floor(snapshot.admittedPlaces)),
      admitted: snapshot.admittedCount,
      admittedLastMinute: snapshot.admittedLastMinute,
      admitPerMinute: settings.waitingRoom.admitPerMinute,
      windowSeconds: settings.waitingRoom.windowSeconds,
      paused: snapshot.paused,
      opensAt: settings.salesOpenAt?.toISOString() ?? null,
    },
  };
};
