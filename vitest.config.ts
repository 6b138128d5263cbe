import { defineConfig } from "vitest/config";

// `npm test` runs every workspace's tests in one vitest run. They share one test database and
// broker, so files run one at a time.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "apps/services/*/vitest.config.ts",
      "apps/web/vitest.config.ts",
      "infra/vitest.config.mjs",
      "scripts/vitest.config.mjs",
    ],
    maxWorkers: 1,
    fileParallelism: false,
  },
});
