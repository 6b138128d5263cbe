// Running the docker CLI from the container test: its output captured, its failure an error that
// carries the last lines of what it printed.
import { spawn } from "node:child_process";

/** The last `n` lines of `text`: what an error message quotes of a long output. */
export const lastLines = (text, n) => text.trim().split("\n").slice(-n).join("\n");

/**
 * Runs `cmd args` and resolves with its stdout; rejects with the command and the last lines of
 * its output when it exits non-zero. `echo` also streams the output; `onLine` sees each line of
 * both streams as it comes (long builds show their steps).
 */
export const capture = (cmd, args, { env = process.env, echo = false, input, cwd, onLine } = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let all = "";
    let partial = "";
    const lines = (chunk) => {
      if (!onLine) return;
      const text = partial + chunk;
      const complete = text.split("\n");
      partial = complete.pop() ?? "";
      for (const line of complete) onLine(line);
    };
    child.stdout.on("data", (chunk) => {
      out += chunk;
      all += chunk;
      lines(chunk);
      if (echo) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      all += chunk;
      lines(chunk);
      if (echo) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve(out);
      reject(
        new Error(`${cmd} ${args.join(" ")} exited with ${signal ?? code}:\n${lastLines(all, 15)}`),
      );
    });
    if (input !== undefined) {
      if (typeof input === "string") child.stdin.end(input);
      else input.pipe(child.stdin);
    } else child.stdin.end();
  });

/** True when `cmd args` exits 0 (output discarded). */
export const succeeds = (cmd, args, opts = {}) =>
  capture(cmd, args, opts).then(
    () => true,
    () => false,
  );
