import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const fixture = fileURLToPath(new URL("./fixtures/signal-service.ts", import.meta.url));

type Child = {
  messages: string[];
  waitFor(text: string): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; afterMs: number }>;
};

const startFixture = (...args: string[]): Child => {
  const child = spawn(process.execPath, ["--import", "tsx", fixture, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const messages: string[] = [];
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  let buffered = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      const { msg } = JSON.parse(line) as { msg: string };
      messages.push(msg);
      for (const waiter of waiters) if (msg.includes(waiter.text)) waiter.resolve();
    }
  });
  let signalledAt = 0;
  const exited = new Promise<{ code: number | null; afterMs: number }>((resolve) =>
    // "close" rather than "exit": it waits for stdout to drain, so no log line is missed.
    child.on("close", (code) => resolve({ code, afterMs: Date.now() - signalledAt })),
  );
  return {
    messages,
    waitFor: (text) =>
      messages.some((msg) => msg.includes(text))
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ text, resolve })),
    kill: (signal) => {
      signalledAt ||= Date.now();
      child.kill(signal);
    },
    exited,
  };
};

describe("shutdown on signals", () => {
  it("closes on SIGTERM, runs the hooks in order and exits 0", async () => {
    const child = startFixture("quick");
    await child.waitFor("signal-fixture ready on http://127.0.0.1:");
    child.kill("SIGTERM");
    const { code } = await child.exited;
    expect(code).toBe(0);
    const from = child.messages.indexOf("signal-fixture shutting down");
    expect(from).toBeGreaterThan(-1);
    expect(child.messages.slice(from)).toEqual([
      "signal-fixture shutting down",
      "hook: stop consumers",
      "hook: close redis",
      "signal-fixture stopped",
    ]);
  });

  it("exits 1 at once on a second signal during shutdown", async () => {
    const child = startFixture("slow");
    await child.waitFor("ready on");
    child.kill("SIGINT");
    await child.waitFor("hook: stop consumers");
    child.kill("SIGINT");
    const { code, afterMs } = await child.exited;
    expect(code).toBe(1);
    expect(afterMs).toBeLessThan(5_000);
    expect(child.messages).not.toContain("hook: close redis");
  });

  it("exits 1 when the hooks outlast the shutdown timeout", async () => {
    const child = startFixture("slow", "500");
    await child.waitFor("ready on");
    child.kill("SIGTERM");
    const { code, afterMs } = await child.exited;
    expect(code).toBe(1);
    expect(afterMs).toBeGreaterThanOrEqual(450);
    expect(afterMs).toBeLessThan(5_000);
    expect(child.messages).toContain("shutdown took longer than 500 ms, exiting");
  });
});
