import { defineConfig } from "vitest/config";

// The entry point's own logic (environments and their ports) and the lint's architecture rules:
// no stack, database or broker.
export default defineConfig({
  test: {
    include: ["lib/**/*.test.mjs", "lint/**/*.test.mjs"],
  },
});
