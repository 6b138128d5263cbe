import { loadConfig } from "./config";
import { createCatalogService } from "./create-catalog-service";

// Composition root: configuration in, the wired service (HTTP API, relay, seat map projection) out.
const catalog = createCatalogService(loadConfig());
await catalog.start();
