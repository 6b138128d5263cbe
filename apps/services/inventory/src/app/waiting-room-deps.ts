import type { SqlDb } from "../adapters/db/inventory-store";
import type { AdmissionTokens } from "../adapters/jwt/admission-tokens";
import type { WaitingRoomStore } from "../adapters/redis/waiting-room-store";
import type { SaleSettingsReader } from "./sale-settings-cache";

/** What the hold gate and the waiting room use cases share, wired in the composition root. */
export type WaitingRoomDeps = {
  db: SqlDb;
  /** An event's sale settings, briefly cached (`sale-settings-cache.ts`). */
  settings: SaleSettingsReader;
  store: WaitingRoomStore;
  admissions: AdmissionTokens;
  /** Checks a solved proof-of-work payload (`@marquee/service/proof-of-work`), spending it. */
  proofOfWork: {
    verify(payload: string, purpose: string): Promise<{ ok: true } | { ok: false; reason: string }>;
  };
  /** How long before the opening visitors may join (and get a random place). */
  preQueueMinutes: number;
  /** The clock; tests pass their own to move time without waiting. */
  now: () => Date;
  /** A number in [0, 1) for a pre-queue place; tests may pass their own. */
  random: () => number;
};

/** The proof-of-work purpose of a waiting-room join (the web asks for challenges with it). */
export const WAITING_ROOM_PROOF_PURPOSE = "waiting-room";
