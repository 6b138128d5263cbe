import { runProcesses } from "@marquee/service/cluster";
import { loadConfig } from "./config";

// Composition root: configuration in, the wired service (HTTP API, consumers) out. With
// PROCESSES=N, N workers share the port and this process only supervises them, so the service's
// modules are loaded where it runs, not in the supervisor.
const config = loadConfig();
await runProcesses({ name: "payment", config }, async () => {
  const { createPaymentService } = await import("./create-payment-service");
  await createPaymentService(config).start();
});
