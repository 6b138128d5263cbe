import type { EventLog } from "@marquee/events/log";
import type { DoorListKey } from "../adapters/keys/door-list-key";
import type { SqlDb } from "../adapters/db/ticket-store";

/** What the use cases share, wired by hand in the composition root. */
export type FulfillmentDeps = {
  db: SqlDb;
  /** Wakes the outbox relay after a commit, so events leave within milliseconds. */
  relay: { nudge(): void };
  log: EventLog;
  /** Keys the HMAC of every ticket code. */
  signingKey: string;
  /** Signs the door lists devices download to check tickets offline (ES256). */
  doorListKey: DoorListKey;
  now?: () => Date;
};
