import { loadConfig } from "./config";
import { createPaymentService } from "./create-payment-service";

// Composition root: configuration in, the wired service (HTTP API, consumers) out.
const payment = createPaymentService(loadConfig());
await payment.start();
