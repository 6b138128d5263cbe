import { runProcesses } from "@marquee/service/cluster";
import { loadConfig } from "./config";
import { createPaymentService } from "./create-payment-service";

// Composition root: configuration in, the wired service (HTTP API, consumers) out; with
// PROCESSES=N, N worker processes share the port and this process only supervises them.
const config = loadConfig();
await runProcesses({ name: "payment", config }, () => createPaymentService(config).start());
