import { queueOpensAt } from "../domain/sale-window";
import { WAITING_ROOM_PROOF_PURPOSE, type WaitingRoomDeps } from "./waiting-room-deps";
import {
  hasWaitingRoom,
  isOver,
  notRequired,
  stepRoom,
  toStatus,
  type WaitingRoomStatus,
} from "./waiting-room-status";

export type JoinError =
  | { kind: "bad-proof"; reason: string }
  | { kind: "queue-not-open"; eventId: string; queueOpensAt: Date };

/**
 * Puts the visitor in the event's waiting room, once: joining again keeps the place. Before the
 * opening (within the pre-queue window) the place is a random draw among all early arrivals;
 * from the opening on, places follow arrival. The proof of work is spent on every call.
 */
export const joinWaitingRoom = async (
  deps: WaitingRoomDeps,
  input: { eventId: string; visitorId: string; proof: string },
): Promise<{ ok: true; value: WaitingRoomStatus } | { ok: false; error: JoinError }> => {
  const proof = await deps.proofOfWork.verify(input.proof, WAITING_ROOM_PROOF_PURPOSE);
  if (!proof.ok) return { ok: false, error: { kind: "bad-proof", reason: proof.reason } };
  const now = deps.now();
  const settings = await deps.settings(input.eventId);
  if (!hasWaitingRoom(settings))
    return { ok: true, value: notRequired(input.eventId, settings, now) };
  if (isOver(settings, now)) {
    const snapshot = await stepRoom(deps, settings, now, { op: "read" });
    return { ok: true, value: await toStatus(deps, settings, snapshot, input.visitorId, now) };
  }
  const opensQueue = queueOpensAt(settings, deps.preQueueMinutes);
  if (opensQueue && now < opensQueue)
    return {
      ok: false,
      error: { kind: "queue-not-open", eventId: input.eventId, queueOpensAt: opensQueue },
    };
  const beforeOpening = settings.salesOpenAt !== null && now < settings.salesOpenAt;
  const snapshot = await stepRoom(
    deps,
    settings,
    now,
    beforeOpening
      ? { op: "join-pre-queue", visitorId: input.visitorId, randomScore: deps.random() }
      : { op: "join", visitorId: input.visitorId },
  );
  return { ok: true, value: await toStatus(deps, settings, snapshot, input.visitorId, now) };
};
