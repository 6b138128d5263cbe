import { defineConfig } from "vitest/config";

// Unit tests of the web's pure logic (times, forms): no infrastructure, no global set-up.
export default defineConfig({
  test: { include: ["lib/**/*.test.ts"] },
});
