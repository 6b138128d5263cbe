import { runProcesses } from "@marquee/service/cluster";
import { loadConfig } from "./config";
import { createNotificationService } from "./create-notification-service";

// Composition root: configuration in, the wired service (HTTP API, consumers, senders) out; with
// PROCESSES=N, N worker processes share the port and this process only supervises them.
const config = loadConfig();
await runProcesses({ name: "notification", config }, () =>
  createNotificationService(config).start(),
);
