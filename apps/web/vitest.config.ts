import { defineConfig } from "vitest/config";

// Unit tests of the web's pure logic (times, forms, headers, redirects, addresses, live stream
// limits); the session revocation test talks to the real Redis of the test environment.
export default defineConfig({
  test: { include: ["lib/**/*.test.ts"] },
});
