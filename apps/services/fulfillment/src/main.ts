import { runProcesses } from "@marquee/service/cluster";
import { loadConfig } from "./config";
import { createFulfillmentService } from "./create-fulfillment-service";

// Composition root: configuration in, the wired service (HTTP API, PDF route, consumers) out; with
// PROCESSES=N, N worker processes share the port and this process only supervises them.
const config = loadConfig();
await runProcesses({ name: "fulfillment", config }, () => createFulfillmentService(config).start());
