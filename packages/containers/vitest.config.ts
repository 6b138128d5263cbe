import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Static checks of files: no database, broker or global set-up.
export default defineConfig({
  resolve: {
    // The web app's server modules may guard themselves with `server-only`, which throws outside
    // React Server Components; here they are only read for their environment schema.
    alias: { "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
  },
});
