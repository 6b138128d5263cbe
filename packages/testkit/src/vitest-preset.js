// Plain JavaScript on purpose: vitest loads config files with Node, which cannot import the
// TypeScript sources of linked workspace packages. Types are in vitest-preset.d.ts.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The vitest config of a workspace whose tests use real infrastructure: shared global setup,
 * generous timeouts for broker round trips, one file at a time.
 */
export const integrationTestConfig = (overrides = {}) =>
  defineConfig({
    test: {
      include: overrides.include ?? ["src/**/*.test.ts", "test/**/*.test.ts"],
      globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  });
