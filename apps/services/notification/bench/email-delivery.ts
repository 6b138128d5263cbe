// Ticket emails through the real delivery worker to a real SMTP server (smtp-server on this
// machine), and what rendering costs: PDF per ticket, a whole tickets email.
//   npm run bench
//   EMAILS=400 TICKETS=4 CONCURRENCY=4 npx tsx apps/services/notification/bench/email-delivery.ts
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { migrate } from "@marquee/db/migrate";
import { createLogger } from "@marquee/service/logger";
import { renderTicketsPdf } from "@marquee/tickets/tickets-pdf";
import { signTicketCode } from "@marquee/tickets/ticket-code";
import { testEnv } from "@marquee/testkit/test-env";
import { createDb } from "../src/adapters/db/client";
import { insertDeliveryOnce } from "../src/adapters/db/delivery-store";
import { createSmtpMailer } from "../src/adapters/smtp/mailer";
import { startDeliveryWorker } from "../src/app/delivery-worker";
import type { NotificationDeps } from "../src/app/deps";
import { dedupeKeyOf, type DeliveryPayload } from "../src/domain/delivery";
import { renderEmail } from "../src/emails/render-email";
import { startSmtpSink } from "../test/smtp-sink";

const emails = Number(process.env.EMAILS ?? 200);
const ticketsPerEmail = Number(process.env.TICKETS ?? 2);
const concurrency = Number(process.env.CONCURRENCY ?? 4);

const event = {
  name: "Night Owls Live",
  venueName: "Club Aurora",
  startsAt: "2026-12-12T19:00:00.000Z",
  timeZone: "Europe/Berlin",
};
const ticketsPayload = (orderId: string): Extract<DeliveryPayload, { kind: "tickets" }> => ({
  kind: "tickets",
  orderId,
  event,
  tickets: Array.from({ length: ticketsPerEmail }, (_, i) => {
    const ticketId = randomUUID();
    return {
      ticketId,
      section: "A",
      row: "3",
      number: i + 1,
      code: signTicketCode("bench-key-0123456789abcdef0123456789", {
        ticketId,
        eventId: randomUUID(),
      }),
    };
  }),
});

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const timeIt = async (runs: number, fn: () => Promise<unknown>) => {
  await fn(); // warm-up: font metrics, zlib
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
};

// Rendering alone.
const pdf1 = await timeIt(20, () =>
  renderTicketsPdf({
    orderId: randomUUID(),
    event,
    tickets: ticketsPayload("x").tickets.slice(0, 1),
  }),
);
const big = {
  ...ticketsPayload("x"),
  tickets: Array.from({ length: 10 }, () => ticketsPayload("x").tickets[0]!),
};
const pdf10 = await timeIt(10, () =>
  renderTicketsPdf({ orderId: randomUUID(), event, tickets: big.tickets }),
);
const email = await timeIt(20, () => renderEmail(ticketsPayload(randomUUID())));

// Delivery end to end: queued rows → worker → SMTP → recorded as sent.
const sink = await startSmtpSink();
// A scratch schema, so no other notification process on the test database sends these emails.
const schema = `notification_bench_${randomUUID().slice(0, 8)}`;
await migrate({
  url: testEnv.databaseUrl,
  targets: [{ name: "notification", schema }],
  log: () => undefined,
});
const db = createDb(testEnv.databaseUrl, { schema, poolMax: concurrency + 2 });
const mailer = createSmtpMailer({
  host: "127.0.0.1",
  port: sink.port,
  secure: false,
  timeoutMs: 10_000,
  from: "Marquee <tickets@marquee.local>",
  maxConnections: concurrency,
});
const deps: NotificationDeps = {
  db,
  mailer,
  retry: { baseMs: 100, maxMs: 1_000, maxAttempts: 5 },
  log: createLogger({ name: "notification-bench", level: "warn" }),
  messageIdDomain: "bench.marquee.local",
};
const orderIds = Array.from({ length: emails }, () => randomUUID());
await db.$transaction(async (tx) => {
  for (const orderId of orderIds) {
    const payload = ticketsPayload(orderId);
    await insertDeliveryOnce(tx, {
      id: randomUUID(),
      dedupeKey: dedupeKeyOf(payload),
      orderId,
      customerId: "bench",
      kind: "tickets",
      toAddress: "bench@example.com",
      payload,
    });
  }
});
const started = performance.now();
const worker = startDeliveryWorker(deps, { pollMs: 50, concurrency });
for (;;) {
  const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM delivery WHERE order_id = ANY($1::uuid[]) AND status = 'sent'`,
    orderIds,
  );
  if (row?.n === emails) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const seconds = (performance.now() - started) / 1_000;
await worker.stop();
const received = sink.messages.length;
await db.$executeRawUnsafe(`DROP SCHEMA "${schema}" CASCADE`);
mailer.close();
await sink.close();
await db.$disconnect();

console.log(`
ticket emails (${ticketsPerEmail} tickets each, ${concurrency} senders, local SMTP server)
  PDF, 1 ticket                 ${pdf1.toFixed(1)} ms (median)
  PDF, 10 tickets               ${pdf10.toFixed(1)} ms (median, ${(pdf10 / 10).toFixed(1)} ms per ticket)
  whole email rendered          ${email.toFixed(1)} ms (median: PDF + ${ticketsPerEmail} QR PNGs + HTML)
  delivered                     ${emails} emails in ${seconds.toFixed(1)} s = ${(emails / seconds).toFixed(1)} emails/s
  messages received by SMTP     ${received} (expected ${emails})
`);
if (received !== emails) process.exitCode = 1;
