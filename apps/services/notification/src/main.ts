import { loadConfig } from "./config";
import { createNotificationService } from "./create-notification-service";

// Composition root: configuration in, the wired service (HTTP API, consumers, senders) out.
const notification = createNotificationService(loadConfig());
await notification.start();
