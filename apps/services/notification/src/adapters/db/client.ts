import { createNotificationDb, type NotificationDb } from "@marquee/db/notification";

export type { NotificationDb };

/** The only place this service opens its database: schema `bc_notification`, nothing else reachable. */
export const createDb = (
  url: string,
  opts: { schema?: string; poolMax?: number } = {},
): NotificationDb => createNotificationDb({ url, ...opts });
