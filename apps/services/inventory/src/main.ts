import { loadConfig } from "./config";
import { createInventoryService } from "./create-inventory-service";

// Composition root: configuration in, the wired service (HTTP API, consumers, expiry worker) out.
const inventory = createInventoryService(loadConfig());
await inventory.start();
