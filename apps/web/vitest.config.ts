import { fileURLToPath } from "node:url";
import { integrationTestConfig } from "@marquee/testkit/vitest-preset";
import { mergeConfig } from "vitest/config";

// Unit tests of the web's pure logic (lib/: times, forms, headers, redirects, addresses, live
// stream limits; the session revocation test talks to the real Redis of the test environment),
// and tests of the web's tRPC routers (test/), called in-process against the real catalog.
export default mergeConfig(
  integrationTestConfig({ include: ["lib/**/*.test.ts", "test/**/*.test.ts"] }),
  {
    resolve: {
      // Next resolves `server-only` to this empty module on the server; so do the router tests.
      alias: {
        "server-only": fileURLToPath(
          new URL("../../node_modules/next/dist/compiled/server-only/empty.js", import.meta.url),
        ),
      },
    },
  },
);
