import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { waitFor } from "@marquee/testkit/wait-for";
import { freePort } from "@marquee/testkit/service-process";

/** A pino line as the services write it (only the fields the test reads). */
export type LogLine = { msg?: string; pid?: number; workerPid?: number; level?: string };

export type ServiceCluster = {
  name: string;
  url: string;
  lines: LogLine[];
  /** The worker processes the primary reported listening. */
  workerPids(): Set<number>;
  /** Requests each process answered (Fastify's "request completed" lines; probes are not logged). */
  requestsByPid(): Map<number, number>;
  /** SIGTERM to the primary; resolves with its exit code once it and its workers are gone. */
  stop(): Promise<number | null>;
};

const servicesDir = fileURLToPath(new URL("../../../apps/services/", import.meta.url));

/**
 * Starts a service with PROCESSES workers on a free port, and resolves once every worker listens
 * and /readyz answers 200. `from: "sources"` (the default, for tests) runs `node --import tsx
 * src/main.ts`; `from: "bundle"` runs what `npm start` and the images run, `node
 * --enable-source-maps dist/main.js` (built by scripts/build-service.mjs; `npm run bench` builds
 * stale bundles first), so benchmarks measure the production code.
 */
export const startServiceCluster = async (opts: {
  name: string;
  processes: number;
  env: Record<string, string>;
  timeoutMs: number;
  /** Extra flags for node, e.g. `--cpu-prof` (refused in NODE_OPTIONS). */
  nodeArgs?: string[];
  from?: "sources" | "bundle";
}): Promise<ServiceCluster> => {
  const port = await freePort();
  const cwd = `${servicesDir}${opts.name}`;
  if (opts.from === "bundle" && !existsSync(`${cwd}/dist/main.js`)) {
    throw new Error(
      `${opts.name} has no bundle (${cwd}/dist/main.js): run \`node scripts/build-service.mjs --all\` or \`npm run bench\``,
    );
  }
  const entry =
    opts.from === "bundle"
      ? ["--enable-source-maps", "dist/main.js"]
      : ["--import", "tsx", "src/main.ts"];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry], {
    cwd,
    env: { ...process.env, ...opts.env, PORT: String(port), PROCESSES: String(opts.processes) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  let buffered = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const part of parts) {
      if (!part.startsWith("{")) continue;
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        // a line cut by a crash; nothing to read in it
      }
    }
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (stderr.length > 50) stderr.shift();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${port}`;
  // With PROCESSES=1 there is no primary: the service itself says it is ready on the port.
  const workerPids = () =>
    new Set(
      lines
        .filter(
          (line) =>
            line.msg?.includes(`listening on port ${port}`) ||
            (opts.processes <= 1 && line.msg?.endsWith(`ready on http://127.0.0.1:${port}`)),
        )
        .map((line) => line.workerPid ?? line.pid ?? 0),
    );

  await waitFor(
    `${opts.name}: ${opts.processes} workers listening and ready`,
    async () => {
      if (child.exitCode !== null) {
        throw new Error(`${opts.name} exited ${child.exitCode}: ${stderr.join("").slice(-2_000)}`);
      }
      if (workerPids().size < opts.processes) return false;
      const ready = await fetch(`${url}/readyz`).catch(() => null);
      return ready?.ok === true;
    },
    { timeoutMs: opts.timeoutMs, intervalMs: 250 },
  );

  return {
    name: opts.name,
    url,
    lines,
    workerPids,
    requestsByPid() {
      const counts = new Map<number, number>();
      for (const line of lines) {
        if (line.msg === "request completed" && line.pid !== undefined)
          counts.set(line.pid, (counts.get(line.pid) ?? 0) + 1);
      }
      return counts;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
};
