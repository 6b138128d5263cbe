import fs from "node:fs";
import path from "node:path";
import { CHROMIUM } from "./chromium.mjs";
import { kafkaBrokers } from "./environments.mjs";
import { bin, DATA_DIR, ROOT } from "./paths.mjs";
import { say, step } from "./progress.mjs";
import { run, runForCode } from "./run.mjs";
import { runComposeStack } from "./containers/compose-stack.mjs";
import { describeFailures, playwrightFailures, vitestFailures } from "./test-failures.mjs";

const RESULTS = path.join(DATA_DIR, "test-results");

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
};

/**
 * The whole test suite in order: formatting, static checks, integration tests (real Postgres,
 * Redis, Kafka, SMTP) and browser tests (real Chromium against the real stack). Prints one closing
 * tally.
 */
export const runTests = async (environment) => {
  fs.mkdirSync(RESULTS, { recursive: true });
  const env = {
    ...process.env,
    TEST_DATABASE_URL: environment.databaseUrl,
    TEST_REDIS_URL: environment.redisUrl,
    TEST_KAFKA_BROKERS: kafkaBrokers(environment).join(","),
    CHROMIUM_PATH: CHROMIUM,
    MARQUEE_TEST_PREPARED: "1",
  };

  await step("formatting (prettier --check)", async () => {
    const code = await runForCode(bin("prettier"), ["--check", "--log-level=warn", "."], {
      cwd: ROOT,
      env,
    });
    if (code !== 0) {
      throw new Error(
        "the files listed above are not formatted: run `npm run format`, then commit",
      );
    }
  });

  // lint:root is the root's own lint (scripts/) and the workspaces' declared dependencies (knip).
  await step("typecheck and lint", () =>
    run(
      bin("turbo"),
      ["run", "typecheck", "lint", "lint:root", "--continue", "--output-logs=errors-only"],
      { cwd: ROOT, env },
    ),
  );

  const vitestJson = path.join(RESULTS, "vitest.json");
  fs.rmSync(vitestJson, { force: true });
  say("… integration and unit tests (vitest)");
  const vitestCode = await runForCode(
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`],
    { cwd: ROOT, env },
  );
  const vitest = readJson(vitestJson);

  // Written by the JSON reporter configured in playwright.config.ts.
  const playwrightJson = path.join(RESULTS, "playwright.json");
  fs.rmSync(playwrightJson, { force: true });
  say("… browser tests (Playwright + Chromium)");
  const playwrightCode = await runForCode(bin("playwright"), ["test", "--project=journeys"], {
    cwd: ROOT,
    env,
  });
  const playwright = readJson(playwrightJson);

  // docker-compose.yml on a Docker engine, where one can run (one purchase through its web).
  say("… the compose stack on Docker (npm run test:containers)");
  const containers = await runComposeStack().catch((error) => {
    say(`container test failed: ${error instanceof Error ? error.message : String(error)}`);
    return { passed: false };
  });
  if (containers.skipped) say(`container test skipped: ${containers.skipped}`);

  const passed =
    (vitest?.numPassedTests ?? 0) +
    (playwright?.stats?.expected ?? 0) +
    (containers.passed ? 1 : 0);
  const failed =
    (vitest ? vitest.numFailedTests : 1) +
    (playwright ? (playwright.stats?.unexpected ?? 0) + (playwright.stats?.flaky ?? 0) : 1) +
    (containers.skipped || containers.passed ? 0 : 1);
  say(
    `vitest: ${vitest?.numPassedTests ?? 0} passed, ${vitest?.numFailedTests ?? "?"} failed (exit ${vitestCode})`,
  );
  say(
    `playwright: ${playwright?.stats?.expected ?? 0} passed, ${playwright?.stats?.unexpected ?? "?"} failed (exit ${playwrightCode})`,
  );
  say(
    `containers: ${containers.skipped ? `skipped (${containers.skipped})` : containers.passed ? "1 passed" : "1 failed"}`,
  );
  for (const line of describeFailures([
    ...vitestFailures(vitest),
    ...playwrightFailures(playwright),
  ])) {
    say(line);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return vitestCode === 0 && playwrightCode === 0 && failed === 0 && passed > 0;
};
