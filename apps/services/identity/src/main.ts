import { createLogger } from "@marquee/service/logger";
import { loadConfig } from "./config";
import { createIdentityService } from "./service";

// Composition root: configuration and logger here; connections and the server in service.ts.
const config = loadConfig();
const logger = createLogger({ name: "identity", level: config.LOG_LEVEL });
const service = await createIdentityService({ config, logger });
await service.start();
