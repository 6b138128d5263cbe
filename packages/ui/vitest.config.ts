import { defineConfig } from "vitest/config";

// Unit tests of pure UI logic: no infrastructure, no global set-up.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"] },
});
