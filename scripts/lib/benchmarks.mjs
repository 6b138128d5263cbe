import fs from "node:fs";
import path from "node:path";
import { kafkaBrokers } from "./environments.mjs";
import { NODE_LTS, ensureNodeLts, nodeLtsBinDir } from "./node-lts.mjs";
import { bin, ROOT } from "./paths.mjs";
import { say, step } from "./progress.mjs";
import { SERVICES } from "./services.mjs";
import { ensureBundles } from "./service-bundle.mjs";
import { run } from "./run.mjs";

/** Node benchmarks: `bench/*.ts` of every workspace. */
const nodeBenches = () =>
  ["packages", "apps/services"]
    .flatMap((group) =>
      fs.readdirSync(path.join(ROOT, group)).map((name) => path.join(ROOT, group, name)),
    )
    .flatMap((dir) => {
      const benchDir = path.join(dir, "bench");
      return fs.existsSync(benchDir)
        ? fs
            .readdirSync(benchDir)
            .filter((f) => f.endsWith(".ts"))
            .map((f) => path.join(benchDir, f))
        : [];
    });

/** Browser benchmarks: `e2e/bench/*.bench.ts`, run by Playwright's `bench` project. */
const browserBenches = () =>
  fs
    .readdirSync(path.join(ROOT, "e2e", "bench"))
    .filter((f) => f.endsWith(".bench.ts"))
    .map((f) => path.join(ROOT, "e2e", "bench", f));

const benchName = (file) => path.basename(path.basename(file, ".ts"), ".bench");

/** What a benchmark process is told about its environment (it reads them as `testEnv`). */
const benchEnv = (environment) => ({
  ...process.env,
  TEST_DATABASE_URL: environment.databaseUrl,
  TEST_REDIS_URL: environment.redisUrl,
  TEST_KAFKA_BROKERS: kafkaBrokers(environment).join(","),
});

/**
 * Runs every benchmark (or those named in `only`, by file name without `.ts` / `.bench.ts`), one
 * after another: Node ones first, in the environment `prepareNode` sets up and returns (the bench
 * environment), then the browser ones, which start the whole stack through Playwright
 * (`prepareBrowser` sets up the test environment, Chromium and the web build, only when a browser
 * benchmark is selected).
 */
export const runBenchmarks = async ({ only, prepareNode, prepareBrowser }) => {
  const selected = (files) => files.filter((file) => !only || only.includes(benchName(file)));
  const inNode = selected(nodeBenches());
  const inBrowser = selected(browserBenches());
  if (inNode.length + inBrowser.length === 0) {
    throw new Error(`no benchmark matches ${only?.join(", ")}`);
  }
  if (inNode.length > 0) {
    const env = benchEnv(await prepareNode());
    // Benchmarks that start services run their bundles, as `npm start` and the images do; the
    // on-sale rush runs its service on the machine's Node and on the images' (BENCH_NODE_LTS).
    await step("service bundles", () => ensureBundles(SERVICES));
    await step(`Node.js ${NODE_LTS} (the images' runtime)`, ensureNodeLts);
    env.BENCH_NODE_LTS = path.join(nodeLtsBinDir, "node");
    for (const bench of inNode) {
      say(`bench ${path.relative(ROOT, bench)}`);
      await run(bin("tsx"), [bench], { cwd: path.dirname(path.dirname(bench)), env });
    }
  }
  if (inBrowser.length > 0) {
    const env = benchEnv(await prepareBrowser());
    for (const bench of inBrowser) {
      say(`bench ${path.relative(ROOT, bench)} (Chromium, whole stack)`);
      await run(bin("playwright"), ["test", "--project=bench", path.relative(ROOT, bench)], {
        cwd: ROOT,
        env,
      });
    }
  }
};
