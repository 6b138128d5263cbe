import { randomUUID } from "node:crypto";
import { EventPublished, EventUpdated } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import {
  createProofOfWork,
  LOCAL_POW_HMAC_KEY,
  solveProofOfWork,
} from "@marquee/service/proof-of-work";
import type { Redis } from "@marquee/service/redis";
import { waitFor } from "@marquee/testkit/wait-for";
import { findSaleSettings } from "../src/adapters/db/event-settings-store";
import type { WaitingRoomStatus } from "../src/app/waiting-room-status";
import { callTrpc, type Harness } from "./harness";

export type Sale = {
  startsAt?: Date;
  salesOpenAt?: Date | null;
  salesCloseAt?: Date | null;
  waitingRoom?: { admitPerMinute: number; windowSeconds: number } | null;
};

let announcements = 0;

/**
 * Announces an event's sale settings as catalog does (event-published the first time,
 * event-updated after) over Kafka, and waits until inventory has recorded them.
 */
export const announceSale = async (h: Harness, eventId: string, sale: Sale): Promise<void> => {
  const startsAt = sale.startsAt ?? new Date(Date.now() + 30 * 86_400_000);
  const common = {
    eventId,
    name: "Waiting room test",
    startsAt: startsAt.toISOString(),
    timeZone: "Europe/Paris",
    holdTtlSeconds: 900,
    salesOpenAt: sale.salesOpenAt?.toISOString() ?? null,
    salesCloseAt: sale.salesCloseAt?.toISOString() ?? null,
    waitingRoom: sale.waitingRoom ?? null,
  };
  announcements += 1;
  const existing = await findSaleSettings(h.inventory.db, eventId);
  const event =
    existing?.startsAt === null || !existing
      ? createEvent(EventPublished, {
          key: eventId,
          correlationId: randomUUID(),
          data: { ...common, venueId: randomUUID(), venueName: "Test Hall" },
        })
      : createEvent(EventUpdated, {
          key: eventId,
          correlationId: randomUUID(),
          data: { ...common, status: "published" },
        });
  await h.publish(event, Topics.catalogEvents);
  await waitFor(`sale settings #${announcements} of ${eventId}`, async () => {
    const stored = await findSaleSettings(h.inventory.db, eventId);
    return (
      stored !== null &&
      stored.startsAt?.getTime() === startsAt.getTime() &&
      (stored.salesOpenAt?.toISOString() ?? null) === common.salesOpenAt &&
      (stored.salesCloseAt?.toISOString() ?? null) === common.salesCloseAt &&
      JSON.stringify(stored.waitingRoom) === JSON.stringify(common.waitingRoom)
    );
  });
};

/** Solves waiting-room proofs cheaply: the verifier accepts any difficulty it signed. */
export const createProofs = (redis: Redis) => {
  const pow = createProofOfWork({ hmacKey: LOCAL_POW_HMAC_KEY, redis, difficulty: 2 });
  return {
    solve: async (purpose = "waiting-room") => solveProofOfWork(await pow.challenge(purpose)),
  };
};

export type Visitor = { id: string; token: string };

export const newVisitor = async (h: Harness): Promise<Visitor> => {
  const { token, user } = await h.issuer.tokenFor({ role: "guest" });
  return { id: user.id, token };
};

export const join = async (
  baseUrl: string,
  visitor: Visitor,
  eventId: string,
  proof: string,
): Promise<WaitingRoomStatus> => {
  const result = await callTrpc<WaitingRoomStatus>(
    baseUrl,
    "joinWaitingRoom",
    { eventId, proof },
    { token: visitor.token },
  );
  if (!result.ok) throw new Error(`joinWaitingRoom: ${result.code} ${result.message}`);
  return result.data;
};

export const statusOf = async (
  baseUrl: string,
  visitor: Visitor,
  eventId: string,
): Promise<WaitingRoomStatus> => {
  const result = await callTrpc<WaitingRoomStatus>(
    baseUrl,
    "waitingRoomStatus",
    { eventId },
    { token: visitor.token, kind: "query" },
  );
  if (!result.ok) throw new Error(`waitingRoomStatus: ${result.code} ${result.message}`);
  return result.data;
};
