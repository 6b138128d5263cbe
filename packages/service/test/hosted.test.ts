import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "@marquee/testkit/service-process";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterEach, describe, expect, it } from "vitest";
import { threadNices } from "./fixtures/thread-nices";

// Services hosted as worker threads of one process (scripts/services-host.mjs, how `npm start`
// runs them), each one the cluster fixture: a real createService behind runProcesses.
const host = fileURLToPath(new URL("../../../scripts/services-host.mjs", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/hosted-service.mjs", import.meta.url));

type Hosted = {
  name: string;
  port: number;
  mode?: "ok" | "fail";
  nice?: number;
  readyAfterMs?: number;
};

const started: ChildProcess[] = [];

const startHost = (services: Hosted[]) => {
  const spec = services.map(({ name, port, mode = "ok", nice = 0, readyAfterMs = 0 }) => ({
    name,
    entry: fixture,
    env: {
      ...process.env,
      PORT: String(port),
      FIXTURE_MODE: mode,
      FIXTURE_NAME: name,
      FIXTURE_READY_AFTER_MS: String(readyAfterMs),
      CPU_NICE: String(nice),
      PROCESSES: "1",
      LOG_LEVEL: "info",
    },
  }));
  const child = spawn(process.execPath, [host], {
    env: { ...process.env, MARQUEE_HOSTED_SERVICES: JSON.stringify(spec) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    count: (text: string) => stdout.split(text).length - 1,
  };
};

const getJson = async <T>(port: number, path: string) =>
  (await (await fetch(`http://127.0.0.1:${port}${path}`)).json()) as T;

const ready = (port: number) =>
  waitFor(
    `port ${port} ready`,
    async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok === true,
    { timeoutMs: 30_000 },
  );

/** Two services, `first` and `second` (each with options), hosted and both ready. */
const startTwoReady = async (first: string, second: string, secondNice = 0) => {
  const [a, b] = [await freePort(), await freePort()];
  const hosted = startHost([
    { name: first, port: a },
    { name: second, port: b, nice: secondNice },
  ]);
  await ready(a);
  await ready(b);
  return { ...hosted, ports: [a, b] as const };
};

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("services hosted as worker threads of one process", () => {
  it("runs each with its own environment and port, in one process", async () => {
    const hosted = await startTwoReady("alpha", "beta");
    const [a, b] = hosted.ports;
    expect(await getJson(a, "/env")).toEqual({ name: "alpha" });
    expect(await getJson(b, "/env")).toEqual({ name: "beta" });
    const pids = [(await getJson<{ pid: number }>(a, "/pid")).pid];
    pids.push((await getJson<{ pid: number }>(b, "/pid")).pid);
    expect(pids).toEqual([hosted.child.pid, hosted.child.pid]);
    hosted.child.kill("SIGTERM");
  });

  it("lowers a service's CPU_NICE on its own thread, not on its neighbours'", async () => {
    const hosted = await startTwoReady("urgent", "background", 10);
    const pid = hosted.child.pid ?? 0;
    // One thread (background's JavaScript thread) at 10; the process's main thread and the
    // other service's stay at 0.
    await waitFor("one thread at nice 10", () => threadNices(pid).includes(10), {
      timeoutMs: 5_000,
    });
    const nices = threadNices(pid);
    expect(nices.filter((nice) => nice === 10)).toHaveLength(1);
    expect(nices.filter((nice) => nice === 0).length).toBeGreaterThan(2);
    hosted.child.kill("SIGTERM");
  });

  it("lowers CPU_NICE only once the service is first ready, so it starts at full speed", async () => {
    const port = await freePort();
    const hosted = startHost([{ name: "late", port, nice: 10, readyAfterMs: 1_500 }]);
    const pid = hosted.child.pid ?? 0;
    await waitFor(
      "listening",
      async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true,
      { timeoutMs: 30_000 },
    );
    // Listening, still connecting: /readyz says so, and every thread keeps its priority.
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503);
    expect(threadNices(pid)).not.toContain(10);
    await ready(port);
    await waitFor("one thread at nice 10", () => threadNices(pid).includes(10), {
      timeoutMs: 5_000,
    });
    expect(threadNices(pid).filter((nice) => nice === 10)).toHaveLength(1);
    hosted.child.kill("SIGTERM");
  });

  it("passes SIGTERM to every service, which shuts down as a process would, and exits 0", async () => {
    const hosted = await startTwoReady("alpha", "beta");
    hosted.child.kill("SIGTERM");
    expect(await hosted.exited).toBe(0);
    // Each service ran its shutdown hooks (consumers, then "stopped"), as on a signal of its own.
    expect(hosted.count("hook: stop consumers")).toBe(2);
    expect(hosted.count("cluster-fixture stopped")).toBe(2);
  });

  it("stops the others and exits 1, naming the service, when one cannot start", async () => {
    const [a, b] = [await freePort(), await freePort()];
    const hosted = startHost([
      { name: "alpha", port: a },
      { name: "broken", port: b, mode: "fail" },
    ]);
    expect(await hosted.exited).toBe(1);
    const { stderr } = hosted.output();
    expect(stderr).toContain("broken: crashed: Error: cannot reach the database");
    expect(stderr).not.toContain("alpha: crashed");
  });

  it("refuses a list of services it cannot read, saying what it expects", async () => {
    const child = spawn(process.execPath, [host], {
      env: { ...process.env, MARQUEE_HOSTED_SERVICES: '{"name":"alpha"}' },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(
      "MARQUEE_HOSTED_SERVICES must be a non-empty list of { name, entry, env }",
    );
  });
});
