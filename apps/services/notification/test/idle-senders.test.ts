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
