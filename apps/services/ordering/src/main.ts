import { loadConfig } from "./config";
import { createOrderingService } from "./create-ordering-service";

// Composition root: configuration in, the wired service (HTTP API, consumers) out.
const ordering = createOrderingService(loadConfig());
await ordering.start();
