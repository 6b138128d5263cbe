import { runProcesses } from "@marquee/service/cluster";
import { createLogger } from "@marquee/service/logger";
import { loadConfig } from "./config";
import { createIdentityService } from "./service";

// Composition root: configuration and logger here; connections and the server in service.ts.
// With PROCESSES=N, N worker processes share the port and this process only supervises them.
const config = loadConfig();
const logger = createLogger({ name: "identity", level: config.LOG_LEVEL });
await runProcesses({ name: "identity", config, logger }, async () => {
  const service = await createIdentityService({ config, logger });
  await service.start();
});
