import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";

/** Notification's environment: the shared settings plus its own port. */
export const NotificationConfig = baseConfigSchema.extend({
  PORT: portSchema(5006),
});
export type NotificationConfig = z.infer<typeof NotificationConfig>;

export const loadConfig = (): NotificationConfig => parseConfig(NotificationConfig);
