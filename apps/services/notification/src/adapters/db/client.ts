import { createNotificationDb, type NotificationDb } from "@marquee/db/notification";

/** The only place this service opens its database: schema `bc_notification`, nothing else reachable. */
export const createDb = (url: string): NotificationDb => createNotificationDb({ url });
