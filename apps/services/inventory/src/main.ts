import { runProcesses } from "@marquee/service/cluster";
import { loadConfig } from "./config";
import { createInventoryService } from "./create-inventory-service";

// Composition root: configuration in, the wired service (HTTP API, consumers, expiry worker) out; with
// PROCESSES=N, N worker processes share the port and this process only supervises them.
const config = loadConfig();
await runProcesses({ name: "inventory", config }, () => createInventoryService(config).start());
