import { defineConfig } from "vitest/config";

// The local broker's and PgBouncer's pure parts (command line, JVM options, rendered config): no
// broker or pooler needed.
export default defineConfig({
  test: {
    include: ["kafka/test/**/*.test.mjs", "pgbouncer/test/**/*.test.mjs"],
  },
});
