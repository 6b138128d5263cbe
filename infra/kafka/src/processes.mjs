// Child processes and pids: run a tool to completion, tell whether a pid lives, stop one.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { sleep } from "./text.mjs";

/** Runs `cmd` to completion; resolves with its exit code and its stdout and stderr interleaved. */
export const runTool = (cmd, args, options = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    child.once("error", reject);
    child.once("close", (code) =>
      resolve({ code, output: Buffer.concat(chunks).toString("utf8") }),
    );
  });

export const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return error.code === "EPERM";
  }
  // An exited child that has not been reaped yet still "exists".
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
};

/** SIGTERM, wait up to graceMs, then SIGKILL. Resolves when the process is gone. */
export const terminate = async (pid, graceMs) => {
  const signal = (name) => {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const until = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < until) await sleep(100);
  if (!isAlive(pid)) return { killed: false };
  signal("SIGKILL");
  const killUntil = Date.now() + 5_000;
  while (isAlive(pid) && Date.now() < killUntil) await sleep(100);
  if (isAlive(pid)) throw new Error(`broker pid ${pid} survived SIGKILL`);
  return { killed: true };
};
