import { withSchemaPool, type DbOptions } from "../adapter";
import { PrismaClient } from "../../generated/notification/client";

export { Prisma } from "../../generated/notification/client";
export type { OutboxMessage, ProcessedMessage } from "../../generated/notification/client";
export type { DbOptions } from "../adapter";

/** Notification's Prisma client. It reaches only its own schema, for model and raw queries alike. */
export function createNotificationDb({ url, schema = "bc_notification", poolMax }: DbOptions) {
  return withSchemaPool({ url, schema, poolMax }, (adapter) => new PrismaClient({ adapter }));
}

export type NotificationDb = ReturnType<typeof createNotificationDb>;
