import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/support/chromium";
import { environments } from "./scripts/lib/environments.mjs";

// Browser tests drive the distribution's Chromium against the real stack, which Playwright starts
// (`node scripts/marquee.mjs stack`, the test environment) or reuses when one already answers.
// The test stack has ports of its own (web 13000, services 15000-15006; TEST_WEB_PORT), so what
// answers there is never the development stack of `npm start` (3000, 5000-5006) and its data.
const webPort = environments.test.web.port;

const browserUse = {
  ...devices["Desktop Chrome"],
  launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
};

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/support/wait-for-stack.ts",
  outputDir: ".data/test-results/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: ".data/test-results/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${webPort}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // Journeys (`*.spec.ts`, what `npm test` runs) and measurements (`*.bench.ts`, what
  // `npm run bench` runs) share the browser set-up.
  projects: [
    { name: "journeys", testMatch: /.*\.spec\.ts$/, use: browserUse },
    { name: "bench", testMatch: /.*\.bench\.ts$/, use: browserUse },
  ],
  webServer: {
    command: "node scripts/marquee.mjs stack --env test --quiet",
    url: `http://127.0.0.1:${webPort}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
