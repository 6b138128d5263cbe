import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Tests start real servers and talk to a real Redis; a child-process test waits for exits.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
