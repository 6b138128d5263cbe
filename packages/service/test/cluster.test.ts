import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterEach, describe, expect, it } from "vitest";
import { baseConfigSchema, parseConfig } from "../src/config";
import { freePort } from "@marquee/testkit/service-process";
import { threadNices } from "./fixtures/thread-nices";

const fixture = fileURLToPath(new URL("./fixtures/cluster-service.ts", import.meta.url));

type Line = { msg: string; pid: number; workerPid?: number };

const started: ChildProcess[] = [];

const startCluster = (
  processes: string,
  port: number,
  mode = "ok",
  env: Record<string, string> = {},
) => {
  const child = spawn(process.execPath, ["--import", "tsx", fixture, String(port), mode], {
    env: { ...process.env, PROCESSES: processes, LOG_LEVEL: "info", ...env },
    // stderr piped and dropped: the "cannot start" case prints its stack there on purpose.
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so a test can signal the whole group as a terminal's Ctrl-C does.
    detached: true,
  });
  started.push(child);
  child.stderr.resume();
  const lines: Line[] = [];
  let buffered = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const part of parts) if (part.startsWith("{")) lines.push(JSON.parse(part) as Line);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => resolve(code)),
  );
  const count = (text: string) => lines.filter((line) => line.msg.includes(text)).length;
  return {
    child,
    lines,
    exited,
    count,
    waitForLines: (text: string, n = 1) =>
      waitFor(`${n} × "${text}"`, () => count(text) >= n, { timeoutMs: 30_000 }),
  };
};

/** A GET on a fresh connection, so the primary hands each request to the next worker. */
const getJson = <T>(port: number, path: string) =>
  new Promise<T>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve(JSON.parse(body) as T));
    });
    req.on("error", reject);
    req.end();
  });

const workerPid = async (port: number) => (await getJson<{ pid: number }>(port, "/pid")).pid;

const pidsServing = async (port: number, requests = 12) => {
  const pids = new Set<number>();
  for (let i = 0; i < requests; i += 1) pids.add(await workerPid(port));
  return pids;
};

afterEach(() => {
  // A failed test must not leave a cluster behind; the workers follow their primary out.
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
  }
});

describe("PROCESSES", () => {
  it("is a whole number from 1 to 64, 1 by default, and a bad value is named", () => {
    expect(parseConfig(baseConfigSchema, {}).PROCESSES).toBe(1);
    expect(parseConfig(baseConfigSchema, { PROCESSES: "4" }).PROCESSES).toBe(4);
    for (const bad of ["0", "two", "1.5", "65"]) {
      expect(() => parseConfig(baseConfigSchema, { PROCESSES: bad })).toThrow(
        /PROCESSES: expected a whole number of processes from 1 to 64/,
      );
    }
  });
});

describe("CPU_NICE", () => {
  it("is a whole number from 0 to 19, 0 by default, and a bad value is named", () => {
    expect(parseConfig(baseConfigSchema, {}).CPU_NICE).toBe(0);
    expect(parseConfig(baseConfigSchema, { CPU_NICE: "10" }).CPU_NICE).toBe(10);
    for (const bad of ["-1", "20", "low", "2.5"]) {
      expect(() => parseConfig(baseConfigSchema, { CPU_NICE: bad })).toThrow(
        /CPU_NICE: expected a whole number from 0 \(as started\) to 19 \(lowest priority\)/,
      );
    }
  });

  it.each(["1", "2"])(
    "lowers every thread of the service to it, in each of its processes (PROCESSES=%s)",
    { timeout: 90_000 },
    async (processes) => {
      expect(threadNices().every((nice) => nice === 0)).toBe(true);
      const port = await freePort();
      const cluster = startCluster(processes, port, "ok", { CPU_NICE: "7" });
      await (processes === "1"
        ? waitFor(
            "the service to answer",
            () =>
              getJson(port, "/pid").then(
                () => true,
                () => false,
              ),
            {
              timeoutMs: 30_000,
            },
          )
        : cluster.waitForLines(`listening on port ${port}`, 2));

      const seen = new Map<number, number[]>();
      for (let i = 0; i < 8; i += 1) {
        const answer = await getJson<{ pid: number; threads: number[] }>(port, "/nice");
        seen.set(answer.pid, answer.threads);
      }
      expect(seen.size).toBe(Number(processes));
      // Several threads each: V8's and libuv's as well as the one running JavaScript.
      for (const threads of seen.values()) {
        expect(threads.length).toBeGreaterThan(1);
        expect(new Set(threads)).toEqual(new Set([7]));
      }
      // The supervising primary too, when there is one.
      expect(new Set(threadNices(cluster.child.pid ?? 0))).toEqual(new Set([7]));

      cluster.child.kill("SIGTERM");
      expect(await cluster.exited).toBe(0);
    },
  );
});

// Each case starts Node processes (tsx) and waits for them to exit: slow on a loaded machine.
describe("a service as several processes", { timeout: 90_000 }, () => {
  it("serves one port from two workers and stops them all on SIGTERM", async () => {
    const port = await freePort();
    const cluster = startCluster("2", port);
    await cluster.waitForLines(`listening on port ${port}`, 2);

    const pids = await pidsServing(port);
    expect(pids.size).toBe(2);
    expect(pids.has(cluster.child.pid ?? 0)).toBe(false);

    cluster.child.kill("SIGTERM");
    expect(await cluster.exited).toBe(0);
    // Each worker ran its own shutdown, then the primary reported them all stopped.
    expect(cluster.count("hook: stop consumers")).toBe(2);
    expect(cluster.count("cluster-fixture stopped")).toBe(2);
    expect(cluster.count("every worker has stopped")).toBe(1);
  });

  it("restarts a worker that dies and keeps serving from both", async () => {
    const port = await freePort();
    const cluster = startCluster("2", port);
    await cluster.waitForLines(`listening on port ${port}`, 2);
    const [victim] = await pidsServing(port);
    process.kill(victim ?? 0, "SIGKILL");

    await cluster.waitForLines("died (signal SIGKILL); restarting it in", 1);
    await cluster.waitForLines(`listening on port ${port}`, 3);
    const pids = await pidsServing(port);
    expect(pids.size).toBe(2);
    expect(pids.has(victim ?? 0)).toBe(false);

    cluster.child.kill("SIGTERM");
    expect(await cluster.exited).toBe(0);
  });

  it("stops cleanly on Ctrl-C, which reaches the primary and every worker at once", async () => {
    const port = await freePort();
    const cluster = startCluster("2", port);
    await cluster.waitForLines(`listening on port ${port}`, 2);

    process.kill(-(cluster.child.pid ?? 0), "SIGINT");
    // `npm start` also passes SIGTERM on to the primary: the same request, not a second one.
    cluster.child.kill("SIGTERM");
    // A worker told twice would take it as "exit now" and exit 1.
    expect(await cluster.exited).toBe(0);
    expect(cluster.count("second signal")).toBe(0);
    expect(cluster.count("hook: stop consumers")).toBe(2);
  });

  it("exits 1 instead of restarting forever when no worker can start", async () => {
    const cluster = startCluster("2", await freePort(), "fail");
    expect(await cluster.exited).toBe(1);
    expect(cluster.count("before cluster-fixture ever listened; stopping")).toBe(1);
  });

  it("runs in the process itself with PROCESSES=1", async () => {
    const port = await freePort();
    const cluster = startCluster("1", port);
    await cluster.waitForLines("cluster-fixture ready on", 1);
    expect(await pidsServing(port, 3)).toEqual(new Set([cluster.child.pid]));
    expect(cluster.lines.some((line) => line.msg.includes("worker"))).toBe(false);
    cluster.child.kill("SIGTERM");
    expect(await cluster.exited).toBe(0);
  });
});
