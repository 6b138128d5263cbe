import { runProcesses } from "@marquee/service/cluster";
import { loadConfig } from "./config";
import { createOrderingService } from "./create-ordering-service";

// Composition root: configuration in, the wired service (HTTP API, consumers) out; with
// PROCESSES=N, N worker processes share the port and this process only supervises them.
const config = loadConfig();
await runProcesses({ name: "ordering", config }, () => createOrderingService(config).start());
