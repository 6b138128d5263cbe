// A Docker engine for the container test: the one already answering, or dockerd started here
// (installed with apt when it is missing and we are root). When none can run, the reason, so the
// test suite can say why it skipped.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR } from "../paths.mjs";
import { capture, lastLines, succeeds } from "./docker.mjs";

const LOG = path.join(DATA_DIR, "containers", "dockerd.log");

const onPath = (name) =>
  (process.env.PATH ?? "")
    .split(path.delimiter)
    .some((dir) => dir && fs.existsSync(path.join(dir, name)));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const engineAnswers = () => succeeds("docker", ["info", "--format", "{{.ServerVersion}}"]);

const logTail = (file, n) => {
  try {
    return lastLines(fs.readFileSync(file, "utf8"), n);
  } catch {
    return "(no log)";
  }
};

/**
 * Resolves with `{ version, started }` once `docker info` answers, or `{ skip }` with the reason
 * no engine can run here.
 */
export const ensureDockerEngine = async ({ log = () => {} } = {}) => {
  const root = process.getuid?.() === 0;
  if (!onPath("docker") || !onPath("dockerd")) {
    if (!root || !onPath("apt-get")) {
      return {
        skip: "no Docker engine: docker/dockerd are not installed and apt-get cannot install them here (not root)",
      };
    }
    log("installing docker.io with apt-get");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    try {
      await capture("apt-get", ["update", "-qq"], { env });
      await capture("apt-get", ["install", "-y", "-qq", "docker.io"], { env });
    } catch (error) {
      return { skip: `no Docker engine: apt-get could not install docker.io (${error.message})` };
    }
  }
  if (await engineAnswers()) {
    return {
      version: (await capture("docker", ["version", "--format", "{{.Server.Version}}"])).trim(),
      started: false,
    };
  }
  if (!root) return { skip: "no Docker engine answers, and starting dockerd needs root" };
  fs.mkdirSync(path.dirname(LOG), { recursive: true });
  log(`starting dockerd (log: ${path.relative(process.cwd(), LOG)})`);
  const out = fs.openSync(LOG, "a");
  const child = spawn("dockerd", [], { detached: true, stdio: ["ignore", out, out] });
  child.unref();
  fs.closeSync(out);
  for (let i = 0; i < 60; i++) {
    await sleep(500);
    if (await engineAnswers()) {
      const version = (
        await capture("docker", ["version", "--format", "{{.Server.Version}}"])
      ).trim();
      return { version, started: true };
    }
    if (child.exitCode !== null) break;
  }
  return { skip: `dockerd did not start; the end of its log:\n${logTail(LOG, 10)}` };
};
