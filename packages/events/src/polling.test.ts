import { describe, expect, it } from "vitest";
import { startPolling } from "./polling";

const quietLog = () => {
  const lines: string[] = [];
  const log = (msg: string): void => {
    lines.push(msg);
  };
  return {
    lines,
    log: {
      debug: () => undefined,
      info: (_: object, msg?: string) => log(msg ?? ""),
      warn: (_: object, msg?: string) => log(msg ?? ""),
      error: (_: object, msg?: string) => log(msg ?? ""),
    },
  };
};

describe("startPolling", () => {
  it("runs again at once while more is waiting, then waits the interval", async () => {
    const { log } = quietLog();
    const started: number[] = [];
    let left = 3;
    const worker = startPolling(
      () => {
        started.push(Date.now());
        left -= 1;
        return Promise.resolve({ moreWaiting: left > 0 });
      },
      { intervalMs: 10_000, log, what: "test" },
    );
    // Two rounds say more is waiting, the third does not: then it waits.
    await expect.poll(() => started.length).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started).toHaveLength(3);
    expect(started[2]! - started[0]!).toBeLessThan(1_000);
    await worker.stop();
  });

  it("logs an outage once and its end once, and keeps going", async () => {
    const { log, lines } = quietLog();
    let round = 0;
    const worker = startPolling(
      () => {
        round += 1;
        return round <= 3
          ? Promise.reject(new Error("down"))
          : Promise.resolve({ moreWaiting: false });
      },
      { intervalMs: 5, log, what: "test" },
    );
    await expect.poll(() => round).toBeGreaterThanOrEqual(4);
    await worker.stop();
    expect(lines).toEqual(["test failed; retrying", "test recovered"]);
  });

  it("stops without waiting out the interval", async () => {
    const { log } = quietLog();
    const worker = startPolling(() => Promise.resolve({ moreWaiting: false }), {
      intervalMs: 60_000,
      log,
      what: "test",
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const asked = Date.now();
    await worker.stop();
    expect(Date.now() - asked).toBeLessThan(1_000);
  });
});
