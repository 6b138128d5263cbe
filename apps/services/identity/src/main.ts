import { runProcesses } from "@marquee/service/cluster";
import { createLogger } from "@marquee/service/logger";
import { loadConfig } from "./config";

// Composition root: configuration and logger here; connections and the server in service.ts.
// With PROCESSES=N, N workers share the port and this process only supervises them, so the
// service's modules are loaded where it runs, not in the supervisor.
const config = loadConfig();
const logger = createLogger({ name: "identity", level: config.LOG_LEVEL });
await runProcesses({ name: "identity", config, logger }, async () => {
  const { createIdentityService } = await import("./service");
  const service = await createIdentityService({ config, logger });
  await service.start();
});
