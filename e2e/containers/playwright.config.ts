import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../support/chromium";

// The purchase through the compose stack (`npm run test:containers`, which brings the stack up
// and passes its published addresses). No web server here: the stack is the containers'.
const web = process.env.CONTAINERS_WEB_URL ?? "http://localhost:3000";

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.containers\.ts$/,
  outputDir: "../../.data/test-results/containers",
  workers: 1,
  retries: 0,
  timeout: 180_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: web,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
});
