import { listLiveWaitingRooms } from "../adapters/db/event-settings-store";
import type { WaitingRoomDeps } from "./waiting-room-deps";
import { hasWaitingRoom, stepRoom } from "./waiting-room-status";

/**
 * Advances every live waiting room, so admissions are recorded on time (and the stats move) even
 * when nobody asks. Every process runs it; each step is atomic in Redis, so running it twice at
 * once admits nobody twice.
 */
export const admitFromWaitingRooms = async (deps: WaitingRoomDeps): Promise<number> => {
  const now = deps.now();
  const rooms = await listLiveWaitingRooms(deps.db, now);
  for (const room of rooms) {
    if (hasWaitingRoom(room)) await stepRoom(deps, room, now, { op: "read" });
  }
  return rooms.length;
};

export type WaitingRoomTicker = { stop(): Promise<void> };

/** Runs `admitFromWaitingRooms` every `intervalMs`; a failed round is logged and the next one runs. */
export const startWaitingRoomTicker = (
  deps: WaitingRoomDeps,
  opts: { intervalMs: number; log: { warn(obj: object, msg: string): void } },
): WaitingRoomTicker => {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const timer = setInterval(() => {
    // A slow round (Redis or Postgres struggling) is not stacked on: the next tick skips.
    if (stopped || running) return;
    running = admitFromWaitingRooms(deps)
      .catch((error: unknown) => {
        opts.log.warn({ err: error }, "waiting rooms not advanced this round");
      })
      .finally(() => {
        running = undefined;
      });
  }, opts.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
};
