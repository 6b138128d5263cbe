import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The test broker, database and topics; `npm test` has prepared them already.
    globalSetup: [fileURLToPath(new URL("../testkit/src/global-setup.ts", import.meta.url))],
    // Ten service processes start from TypeScript on a machine that may be busy.
    testTimeout: 300_000,
    // Start-up (up to 240 s per service, in parallel) plus the consumer groups settling (120 s).
    hookTimeout: 420_000,
  },
});
