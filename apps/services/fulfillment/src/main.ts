import { loadConfig } from "./config";
import { createFulfillmentService } from "./create-fulfillment-service";

// Composition root: configuration in, the wired service (HTTP API, PDF route, consumers) out.
const fulfillment = createFulfillmentService(loadConfig());
await fulfillment.start();
