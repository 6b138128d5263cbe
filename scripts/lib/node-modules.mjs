import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.mjs";
import { run } from "./run.mjs";

const mtime = (file) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/** Installs npm packages exactly as locked when node_modules is missing or older than the lock. */
export const ensureNodeModules = async () => {
  const installed = mtime(path.join(ROOT, "node_modules", ".package-lock.json"));
  const locked = mtime(path.join(ROOT, "package-lock.json"));
  if (installed > 0 && installed >= locked) return "up to date";
  await run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: ROOT });
  return "installed from package-lock.json";
};
