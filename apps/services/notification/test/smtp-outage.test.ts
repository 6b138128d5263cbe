import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness";
import { freePort, startSmtpSink, type SmtpSink } from "./smtp-sink";

let port: number;
let h: Harness;
let sink: SmtpSink | undefined;
beforeAll(async () => {
  port = await freePort();
  h = await startHarness(port);
});
afterAll(async () => {
  await h?.stop();
  await sink?.close();
});

describe("while the mail server is down", () => {
  it("keeps retrying with backoff and delivers exactly once when it is back", async () => {
    const customer = await h.newCustomer();
    const issued = h.ticketsIssued(customer);
    await h.publish(Topics.fulfillmentTickets, issued);

    // Several failed attempts, each recorded, each scheduling the next one: the row's
    // next_attempt_at, read after every attempt the polling catches.
    const dueAt = new Map<number, number>();
    await waitFor(
      "five failed attempts",
      async () => {
        const [row] = await h.notification.db.$queryRawUnsafe<{ attempts: number; dueAt: Date }[]>(
          `SELECT attempts, next_attempt_at AS "dueAt" FROM delivery
            WHERE order_id = $1::uuid AND kind = 'tickets'`,
          issued.data.orderId,
        );
        if (row && row.attempts > 0) dueAt.set(row.attempts, row.dueAt.getTime());
        return (row?.attempts ?? 0) >= 5;
      },
      { timeoutMs: 60_000, intervalMs: 20 },
    );
    // Backoff: attempt n + 1 comes no earlier than the wait after n failures, 100 ms doubling up
    // to 500 ms (the harness's DELIVERY_RETRY_BASE_MS and DELIVERY_RETRY_MAX_MS), jitter on top.
    // An attempt starts after its due time and schedules the next from its own start, so the due
    // times of attempts a and b lie at least the waits after a + 1 … b apart (1 ms: rounding).
    const waitAfter = (failures: number) => Math.min(500, 100 * 2 ** (failures - 1));
    const seen = [...dueAt.keys()].sort((a, b) => a - b);
    expect(seen[0]).toBeLessThanOrEqual(3);
    expect(seen.at(-1)).toBeGreaterThanOrEqual(5);
    for (const [i, b] of seen.entries()) {
      const a = seen[i - 1];
      if (a === undefined) continue;
      let least = 0;
      for (let n = a + 1; n <= b; n += 1) least += waitAfter(n);
      expect(
        (dueAt.get(b) ?? 0) - (dueAt.get(a) ?? 0),
        `ms between the due times after attempts ${a} and ${b}`,
      ).toBeGreaterThanOrEqual(least - 1);
    }

    const outcome = await h.deliveries(issued.data.orderId, customer.token);
    const [failing] = outcome.ok ? outcome.data : [];
    if (!failing) throw new Error("the delivery is not listed");
    expect(failing).toMatchObject({ status: "pending", messageId: null, sentAt: null });
    expect(failing.lastError).toMatch(/ECONNREFUSED|connect/i);

    // Redelivery meanwhile changes nothing.
    await h.publish(Topics.fulfillmentTickets, issued);

    sink = await startSmtpSink(port);
    const sent = await waitFor(
      "the delivery recorded as sent",
      async () => {
        const outcome = await h.deliveries(issued.data.orderId, customer.token);
        const [d] = outcome.ok ? outcome.data : [];
        return d?.status === "sent" && d;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(sent.attempts).toBeGreaterThan(failing.attempts);
    expect(sent.lastError).toBeNull();

    // Another email after it proves the senders moved on; ours arrived once.
    const later = h.ticketsIssued(customer);
    await h.publish(Topics.fulfillmentTickets, later);
    await waitFor("the later email", () => sink!.to(customer.email).length >= 2, {
      timeoutMs: 60_000,
    });
    const received = sink.to(customer.email);
    expect(received).toHaveLength(2);
    expect(received[0]?.messageId).toBe(sent.messageId);
    expect(received[0]?.text).toContain(issued.data.orderId);
  }, 180_000);
});
