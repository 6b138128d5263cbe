import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // The runtime test needs the test broker and database; `npm test` has prepared them already.
    globalSetup: [fileURLToPath(new URL("../testkit/src/global-setup.ts", import.meta.url))],
    // Tests start real servers and talk to a real Redis; a child-process test waits for exits.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
