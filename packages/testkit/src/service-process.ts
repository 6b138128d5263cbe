import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { waitFor } from "./wait-for";

/** A TCP port nothing listens on right now, for a service process of the test's own. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

/** A service running as a process of its own, like a container the test can kill. */
export type ServiceProcess = {
  url: string;
  child: ChildProcess;
  /** SIGKILL, as a crash: the process leaves its Kafka consumer groups without a word. */
  kill(): Promise<void>;
  /**
   * SIGTERM, as an orchestrator stops it: the service drains and leaves its consumer groups, so
   * the next test's consumers in those groups are not held back waiting for a dead member.
   */
  stop(): Promise<void>;
};

const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

const endWith = async (child: ChildProcess, signal: NodeJS.Signals, graceMs: number) => {
  if (ended(child)) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
};

/**
 * Starts a service from its directory as `npm run dev` runs it, without watching (`node --import
 * tsx src/main.ts`) on a free port, and resolves once /healthz answers.
 */
export const spawnService = async (opts: {
  cwd: string;
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<ServiceProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `the service in ${opts.cwd} to listen`,
    async () => {
      if (ended(child)) throw new Error(`it exited (${child.exitCode ?? child.signalCode})`);
      return (await fetch(`${url}/healthz`).catch(() => null))?.ok === true;
    },
    { timeoutMs: opts.timeoutMs ?? 120_000, intervalMs: 200 },
  );
  return {
    url,
    child,
    kill: () => endWith(child, "SIGKILL", 0),
    stop: () => endWith(child, "SIGTERM", 20_000),
  };
};
