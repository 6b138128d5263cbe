import { runProcesses } from "@marquee/service/cluster";
import { loadConfig } from "./config";
import { createCatalogService } from "./create-catalog-service";

// Composition root: configuration in, the wired service (HTTP API, relay, seat map projection) out; with
// PROCESSES=N, N worker processes share the port and this process only supervises them.
const config = loadConfig();
await runProcesses({ name: "catalog", config }, () => createCatalogService(config).start());
