import type { SqlDb } from "@marquee/db/sql-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDeliveryWorker } from "../src/app/delivery-worker";
import { startHarness, type Harness } from "./harness";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";

let sink: SmtpSink;
let h: Harness;
beforeAll(async () => {
  sink = await startSmtpSink();
  h = await startHarness(sink.port);
});
afterAll(async () => {
  await h?.stop();
  await sink?.close();
});

describe("delivery senders with nothing to send", () => {
  it("make one empty look per poll between them, not one per sender, and all wake on a nudge", async () => {
    // The senders' transactions on the service's own database, counted.
    const db = h.notification.deps.db;
    let looks = 0;
    const counted: SqlDb = {
      $executeRawUnsafe: (query, ...values) => db.$executeRawUnsafe(query, ...values),
      $queryRawUnsafe: <T>(query: string, ...values: unknown[]) =>
        db.$queryRawUnsafe<T>(query, ...values),
      $transaction: (fn, options) => {
        looks += 1;
        return db.$transaction(fn, options);
      },
    };
    const worker = startDeliveryWorker(
      { ...h.notification.deps, db: counted },
      { pollMs: 100, concurrency: 4 },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // One look per sender at the start, then about ten polls of the first; four senders each
      // polling would make about forty.
      expect(looks).toBeGreaterThanOrEqual(8);
      expect(looks).toBeLessThanOrEqual(16);

      // A nudge still gets a look at once, without waiting for the poll.
      const before = looks;
      worker.nudge();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(looks).toBeGreaterThan(before);
    } finally {
      await worker.stop();
    }
  });
});

describe("stopping the senders", () => {
  it("ends at once even when senders were looking for email as it began", async () => {
    // Looks that wait at a gate, so both senders are mid-look when `stop` comes.
    const db = h.notification.deps.db;
    let openGate: () => void = () => {};
    let gate: Promise<void> | null = null;
    let waiting = 0;
    const gated: SqlDb = {
      $executeRawUnsafe: (query, ...values) => db.$executeRawUnsafe(query, ...values),
      $queryRawUnsafe: <T>(query: string, ...values: unknown[]) =>
        db.$queryRawUnsafe<T>(query, ...values),
      $transaction: async (fn, options) => {
        if (gate) {
          waiting += 1;
          await gate;
        }
        return db.$transaction(fn, options);
      },
    };
    // A poll far longer than the test: a sender that sleeps after `stop` would hold it up.
    const worker = startDeliveryWorker(
      { ...h.notification.deps, db: gated },
      { pollMs: 600_000, concurrency: 2 },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    gate = new Promise<void>((resolve) => (openGate = resolve));
    worker.nudge();
    await new Promise((resolve) => setTimeout(resolve, 50));
    worker.nudge();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(waiting, "senders waiting at the gate").toBe(2);

    const stopped = worker.stop().then(() => "stopped");
    openGate();
    const outcome = await Promise.race([
      stopped,
      new Promise((resolve) => setTimeout(() => resolve("still running after 10 s"), 10_000)),
    ]);
    expect(outcome).toBe("stopped");
  }, 20_000);
});
