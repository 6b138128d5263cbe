import fs from "node:fs";
import path from "node:path";
import { kafkaBrokers } from "./environments.mjs";
import { bin, ROOT } from "./paths.mjs";
import { say } from "./progress.mjs";
import { run } from "./run.mjs";

/**
 * Runs every `bench/*.ts` of every workspace (or those named in `only`, by file name without
 * `.ts`) against the test environment, one after another.
 */
export const runBenchmarks = async (environment, { only } = {}) => {
  const workspaces = ["packages", "apps/services"].flatMap((group) =>
    fs.readdirSync(path.join(ROOT, group)).map((name) => path.join(ROOT, group, name)),
  );
  const benches = workspaces
    .flatMap((dir) => {
      const benchDir = path.join(dir, "bench");
      return fs.existsSync(benchDir)
        ? fs
            .readdirSync(benchDir)
            .filter((f) => f.endsWith(".ts"))
            .map((f) => path.join(benchDir, f))
        : [];
    })
    .filter((bench) => !only || only.includes(path.basename(bench, ".ts")));
  if (benches.length === 0) throw new Error(`no benchmark matches ${only?.join(", ")}`);
  const env = {
    ...process.env,
    TEST_DATABASE_URL: environment.databaseUrl,
    TEST_REDIS_URL: environment.redisUrl,
    TEST_KAFKA_BROKERS: kafkaBrokers(environment).join(","),
  };
  for (const bench of benches) {
    say(`bench ${path.relative(ROOT, bench)}`);
    await run(bin("tsx"), [bench], { cwd: path.dirname(path.dirname(bench)), env });
  }
};
