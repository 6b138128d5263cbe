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

    // Several failed attempts, each recorded, the email still pending.
    const failing = await waitFor(
      "three failed attempts",
      async () => {
        const outcome = await h.deliveries(issued.data.orderId, customer.token);
        const [d] = outcome.ok ? outcome.data : [];
        return d && d.attempts >= 3 && d;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
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
