import { baseConfigSchema, parseConfig, portSchema } from "@marquee/service/config";
import type { z } from "zod";
// The port lives in package.json, where `npm start` also reads it.
import packageJson from "../package.json" with { type: "json" };

/** Notification's environment: the shared settings plus its own port. */
export const NotificationConfig = baseConfigSchema.extend({
  PORT: portSchema(packageJson.marquee.port),
});
export type NotificationConfig = z.infer<typeof NotificationConfig>;

export const loadConfig = (): NotificationConfig => parseConfig(NotificationConfig);
