#!/usr/bin/env node
// Runs the services' and packages' tests on the Node.js LTS the images use (scripts/lib/node-lts.mjs),
// while the machine itself may run an older Node. The test environment must be set up
// (`npm run setup -- --env test`); the browser tests are left out (Next runs on the image's Node
// in `docker compose up`).
//
//   npm run test:node-lts                   every workspace's vitest tests
//   npm run test:node-lts -- <paths…>       only these test files or folders
import path from "node:path";
import { ROOT, bin } from "./lib/paths.mjs";
import { NODE_LTS, ensureNodeLts, nodeLtsBinDir } from "./lib/node-lts.mjs";
import { say, step } from "./lib/progress.mjs";
import { runForCode } from "./lib/run.mjs";

await step(`Node.js ${NODE_LTS} from the npm registry`, ensureNodeLts);

const paths = process.argv.slice(2);
say(`vitest on Node.js ${NODE_LTS}${paths.length > 0 ? `: ${paths.join(" ")}` : ""}`);
const code = await runForCode(bin("vitest"), ["run", ...paths], {
  cwd: ROOT,
  env: { ...process.env, PATH: `${nodeLtsBinDir}${path.delimiter}${process.env.PATH}` },
});
process.exit(code);
