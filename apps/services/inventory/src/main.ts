import { runProcesses } from "@marquee/service/cluster";
import { loadConfig } from "./config";

// Composition root: configuration in, the wired service (HTTP API, consumers, expiry worker) out. With
// PROCESSES=N, N workers share the port and this process only supervises them, so the service's
// modules are loaded where it runs, not in the supervisor.
const config = loadConfig();
await runProcesses({ name: "inventory", config }, async () => {
  const { createInventoryService } = await import("./create-inventory-service");
  await createInventoryService(config).start();
});
