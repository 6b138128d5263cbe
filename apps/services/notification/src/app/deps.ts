import type { EventLog } from "@marquee/events/log";
import type { SqlDb } from "../adapters/db/delivery-store";
import type { Mailer } from "../adapters/smtp/mailer";
import type { RetryPolicy } from "../domain/retry-policy";

/** What the use cases share, wired by hand in the composition root. */
export type NotificationDeps = {
  db: SqlDb;
  mailer: Mailer;
  retry: RetryPolicy;
  log: EventLog;
  /** The domain of generated Message-IDs. */
  messageIdDomain: string;
  now?: () => Date;
};
