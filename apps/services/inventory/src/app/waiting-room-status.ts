import type { WaitingRoomOp, WaitingRoomSnapshot } from "../adapters/redis/waiting-room-store";
import {
  estimatedWaitSeconds,
  saleWindowAt,
  waitingRoomExpiresAt,
  type SaleSettings,
  type WaitingRoomSettings,
} from "../domain/sale-window";
import type { WaitingRoomDeps } from "./waiting-room-deps";

/** Inventory → web: where a visitor stands in an event's waiting room. */
export type WaitingRoomStatus = {
  eventId: string;
  state: "not-required" | "not-joined" | "pre-queue" | "queued" | "admitted" | "expired" | "closed";
  /** When sales open (ISO UTC); null when they are open already or have no set time. */
  opensAt: string | null;
  /** 1-based place among those still waiting; null unless queued. */
  position: number | null;
  /** Visitors still waiting (in the pre-queue: everyone who joined it). */
  queueLength: number;
  estimatedWaitSeconds: number | null;
  paused: boolean;
  /** The token `reserve` wants, while admitted. */
  admission: { token: string; expiresAt: string } | null;
};

export type LiveRoom = SaleSettings & { waitingRoom: WaitingRoomSettings };

export const hasWaitingRoom = (settings: SaleSettings | null): settings is LiveRoom =>
  settings !== null && settings.waitingRoom !== null;

/** Opening time to show: only while it is ahead. */
export const opensAtOf = (settings: SaleSettings, now: Date): string | null =>
  settings.salesOpenAt && settings.salesOpenAt > now ? settings.salesOpenAt.toISOString() : null;

export const notRequired = (
  eventId: string,
  settings: SaleSettings | null,
  now: Date,
): WaitingRoomStatus => ({
  eventId,
  state: "not-required",
  opensAt: settings ? opensAtOf(settings, now) : null,
  position: null,
  queueLength: 0,
  estimatedWaitSeconds: null,
  paused: false,
  admission: null,
});

/** Sales are over (closed, started or cancelled): nobody queues or shops any more. */
export const isOver = (settings: SaleSettings, now: Date): boolean =>
  settings.cancelled || saleWindowAt(settings, now).state === "closed";

/** Advances the room with `op` applied and reads the visitor's place back. */
export const stepRoom = (
  deps: WaitingRoomDeps,
  room: LiveRoom,
  now: Date,
  op: WaitingRoomOp,
): Promise<WaitingRoomSnapshot> =>
  deps.store.step(room.eventId, {
    ...op,
    now,
    opensAt: room.salesOpenAt,
    admitPerMinute: room.waitingRoom.admitPerMinute,
    keepUntil: waitingRoomExpiresAt(room, now),
  });

/** The visitor's status from a fresh snapshot of the room (issues the admission token if admitted). */
export const toStatus = async (
  deps: WaitingRoomDeps,
  room: LiveRoom,
  snapshot: WaitingRoomSnapshot,
  visitorId: string,
  now: Date,
): Promise<WaitingRoomStatus> => {
  const admittedPlaces = Math.floor(snapshot.admittedPlaces);
  const waiting = Math.max(0, snapshot.size - admittedPlaces);
  const base = {
    eventId: room.eventId,
    opensAt: opensAtOf(room, now),
    queueLength: waiting,
    paused: snapshot.paused,
    position: null,
    estimatedWaitSeconds: null,
    admission: null,
  };
  if (isOver(room, now)) return { ...base, state: "closed" };
  if (snapshot.rank === null) return { ...base, state: "not-joined" };
  if (room.salesOpenAt && now < room.salesOpenAt) {
    // Places are drawn among everyone in the pre-queue; one shown now would change as others join.
    return { ...base, state: "pre-queue" };
  }
  if (snapshot.admittedAt) {
    const expiresAt = new Date(
      snapshot.admittedAt.getTime() + room.waitingRoom.windowSeconds * 1_000,
    );
    if (now >= expiresAt) return { ...base, state: "expired" };
    const token = await deps.admissions.issue({
      visitorId,
      eventId: room.eventId,
      expiresAt,
    });
    return {
      ...base,
      state: "admitted",
      admission: { token, expiresAt: expiresAt.toISOString() },
    };
  }
  const position = snapshot.rank - admittedPlaces + 1;
  return {
    ...base,
    state: "queued",
    position,
    estimatedWaitSeconds: estimatedWaitSeconds({
      position,
      admitPerMinute: room.waitingRoom.admitPerMinute,
      accumulated: snapshot.admittedPlaces - admittedPlaces,
      paused: snapshot.paused,
    }),
  };
};
