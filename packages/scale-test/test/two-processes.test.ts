import { randomUUID } from "node:crypto";
import { createKafka } from "@marquee/events/kafka";
import { Topics } from "@marquee/events/topics";
import { callTrpc } from "@marquee/testkit/call-trpc";
import { testEnv, testKafkaBrokers } from "@marquee/testkit/test-env";
import { createTestLog } from "@marquee/testkit/test-log";
import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import { waitFor } from "@marquee/testkit/wait-for";
import type { Admin, Consumer, Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeMembers, partitionCount, PURCHASE_GROUPS } from "./consumer-groups";
import { startServiceCluster, type ServiceCluster } from "./service-cluster";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";
import { stockEvent as stockEventOn } from "./stock-event";

// The purchase saga with every service that takes part in it running as two processes sharing
// its port (PROCESSES=2, Node's cluster), started as `npm start` starts them. Catalog is played by
// the test (it publishes the seat layouts); tokens come from the testkit's issuer, as identity's.

const PROCESSES = 2;
const SERVICES = ["inventory", "ordering", "payment", "fulfillment", "notification"] as const;
type ServiceName = (typeof SERVICES)[number];
/** Groups on topics keyed by order, where a dozen orders reach both members' partitions. */
const ORDER_KEYED = {
  "inventory.payments": Topics.paymentPayments,
  "ordering.payments": Topics.paymentPayments,
  "ordering.tickets": Topics.fulfillmentTickets,
  "payment.orders": Topics.orderingOrders,
  "fulfillment.orders": Topics.orderingOrders,
  "notification.tickets": Topics.fulfillmentTickets,
  "notification.orders": Topics.orderingOrders,
} as const;
/** The schemas whose relays publish during the saga, and their topics. */
const RELAYS = [
  { schema: "bc_inventory", topic: Topics.inventoryReservations },
  { schema: "bc_ordering", topic: Topics.orderingOrders },
  { schema: "bc_payment", topic: Topics.paymentPayments },
  { schema: "bc_fulfillment", topic: Topics.fulfillmentTickets },
];

const STARTUP = { timeoutMs: 240_000, intervalMs: 250 };
/** Members left by a killed process expire within a session timeout (30 s) and a rebalance. */
const GROUPS_SETTLE = { timeoutMs: 120_000, intervalMs: 500 };
const SAGA = { timeoutMs: 120_000, intervalMs: 250 };
const VISA_OK = "4242 4242 4242 4242";

type Envelope = { id: string; type: string; key: string; data: Record<string, unknown> };
/** A message as the watcher received it: where it landed, its Kafka key and its envelope. */
type Seen = { topic: string; partition: number; key: string; envelope: Envelope };
type Buyer = { token: string; id: string; email: string };
type Hold = { reservationId: string; seats: Array<{ seatId: string }> };
type OrderView = { orderId: string; status: string };

let issuer: TestIssuer;
let smtp: SmtpSink;
let admin: Admin;
let producer: Producer;
let watcher: Consumer;
let db: pg.Pool;
const seen: Seen[] = [];
const startedAt = Date.now();
/** Progress on stderr with TEST_LOG=1 (where a slow run spends its time). */
const progress = (what: string) => {
  if (process.env.TEST_LOG === "1")
    console.error(`[two-processes] ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${what}`);
};
const services = {} as Record<ServiceName, ServiceCluster>;

beforeAll(async () => {
  const log = createTestLog();
  const brokers = testKafkaBrokers();
  const kafka = createKafka({
    clientId: `two-processes-${randomUUID().slice(0, 8)}`,
    brokers,
    log,
  });
  issuer = await startTestIssuer();
  smtp = await startSmtpSink();
  db = new pg.Pool({ connectionString: testEnv.databaseUrl, max: 2 });
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer();
  await producer.connect();

  // Everything the services publish from now on, with the partition it landed on.
  watcher = kafka.consumer({ groupId: `two-processes-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const joined = new Promise<void>((resolve) => {
    watcher.on(watcher.events.GROUP_JOIN, () => resolve());
  });
  await watcher.connect();
  await watcher.subscribe({ topics: RELAYS.map((relay) => relay.topic), fromBeginning: false });
  await watcher.run({
    eachMessage: ({ topic, partition, message }) => {
      const envelope = JSON.parse(message.value?.toString() ?? "{}") as Envelope;
      seen.push({ topic, partition, key: message.key?.toString() ?? "", envelope });
      return Promise.resolve();
    },
  });
  await joined;

  const shared = {
    NODE_ENV: "test",
    // Info, so each process's request lines (with its pid) can be counted.
    LOG_LEVEL: "info",
    DATABASE_URL: testEnv.databaseUrl,
    REDIS_URL: testEnv.redisUrl,
    KAFKA_BROKERS: brokers.join(","),
    IDENTITY_JWKS_URL: issuer.jwksUrl,
    // Ten processes share the test database with whatever else runs: small pools each.
    DB_POOL_MAX: "3",
  };
  const start = (name: ServiceName, env: Record<string, string> = {}) =>
    startServiceCluster({
      name,
      processes: PROCESSES,
      env: { ...shared, ...env },
      timeoutMs: STARTUP.timeoutMs,
    }).then((cluster) => {
      services[name] = cluster;
    });
  progress("watcher joined; starting the services");
  await Promise.all([
    start("inventory").then(() =>
      Promise.all([
        start("ordering", { INVENTORY_URL: services.inventory.url }),
        start("payment", {
          GATEWAY_MIN_LATENCY_MS: "10",
          GATEWAY_MAX_LATENCY_MS: "50",
          INVENTORY_URL: services.inventory.url,
        }),
      ]),
    ),
    start("fulfillment"),
    start("notification", { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) }),
  ]);

  progress("every service ready");

  // Every group has both processes of its service as members, each owning partitions, before
  // anything is bought: a purchase made during a rebalance is correct but proves less. (Another
  // run of these services on the same broker would be a third member: tests run one at a time.)
  let last = "";
  await waitFor(
    "every consumer group stable with both processes owning partitions",
    async () => {
      const groups = await describeMembers(admin, PURCHASE_GROUPS);
      last = groups
        .map(
          (g) =>
            `${g.groupId} ${g.state} [${g.members.map((m) => partitionCount(m.assignment)).join(",")}]`,
        )
        .join("; ");
      return groups.every(
        (group) =>
          group.state === "Stable" &&
          group.members.length === PROCESSES &&
          group.members.every((member) => partitionCount(member.assignment) > 0),
      );
    },
    GROUPS_SETTLE,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last seen: ${last}`);
  });
  progress("consumer groups stable");
});

afterAll(async () => {
  const codes = await Promise.all(Object.values(services).map((service) => service.stop()));
  await watcher?.disconnect();
  await producer?.disconnect();
  await admin?.disconnect();
  await db?.end();
  await smtp?.close();
  await issuer?.close();
  // Each primary exits 0 only when both its workers shut down cleanly.
  expect(codes).toEqual(Object.values(services).map(() => 0));
});

/** A new event with `seatCount` seats, stocked in inventory. */
const stockEvent = (seatCount: number) => stockEventOn({ producer, db }, seatCount, SAGA);

const buyer = async (): Promise<Buyer> => {
  const { token, user } = await issuer.tokenFor({
    role: "customer",
    email: `two-processes-${randomUUID().slice(0, 12)}@example.com`,
  });
  return { token, id: user.id, email: user.email };
};

const countBy = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

describe("the purchase saga with two processes of each service", () => {
  it("sells each seat once, confirms and emails each order once, and shares the work", async () => {
    // Two events of six pairs each; 20 buyers, so eight pairs are wanted by two buyers at once.
    const events = await Promise.all([stockEvent(12), stockEvent(12)]);
    const buyers = await Promise.all(Array.from({ length: 20 }, buyer));
    const wanted = buyers.map((_, k) => {
      const { eventId, seatIds } = events[k % 2]!;
      const pair = Math.floor(k / 2) % 6;
      return { eventId, seatIds: seatIds.slice(pair * 2, pair * 2 + 2) };
    });

    progress("events stocked");
    const holds = await Promise.all(
      buyers.map((b, k) =>
        callTrpc<Hold>(services.inventory.url, "reserve", wanted[k], { token: b.token }),
      ),
    );
    const winners = buyers.flatMap((b, k) => {
      const hold = holds[k]!;
      return hold.ok ? [{ buyer: b, hold: hold.data }] : [];
    });
    // Every pair went to exactly one buyer; the others were told it was taken.
    expect(winners).toHaveLength(12);
    for (const hold of holds) if (!hold.ok) expect(hold.code).toBe("CONFLICT");

    const orders = await Promise.all(
      winners.map(async ({ buyer: b, hold }) => {
        const cart = await callTrpc<OrderView>(
          services.ordering.url,
          "addToCart",
          { reservationId: hold.reservationId },
          { token: b.token },
        );
        if (!cart.ok) throw new Error(`addToCart: ${cart.code} ${cart.message}`);
        const { orderId } = cart.data;
        const checkout = await callTrpc<OrderView>(
          services.ordering.url,
          "checkout",
          { orderId },
          { token: b.token },
        );
        expect(checkout).toMatchObject({ ok: true, data: { status: "pending" } });
        const input = {
          orderId,
          idempotencyKey: randomUUID(),
          card: {
            number: VISA_OK,
            expMonth: 12,
            expYear: new Date().getUTCFullYear() + 3,
            cvc: "123",
          },
        };
        // Payment may not have seen order-placed yet (NOT_FOUND); the same key is safe to retry.
        const paid = await waitFor(
          `payment of ${orderId}`,
          async () => {
            const outcome = await callTrpc<{ status: string }>(services.payment.url, "pay", input, {
              token: b.token,
            });
            return !outcome.ok && outcome.code === "NOT_FOUND" ? undefined : outcome;
          },
          SAGA,
        );
        expect(paid).toMatchObject({ ok: true, data: { status: "succeeded" } });
        return { orderId, buyer: b, seatIds: hold.seats.map((seat) => seat.seatId) };
      }),
    );
    const orderIds = orders.map((order) => order.orderId);
    progress("orders paid");

    await Promise.all(
      orders.map(({ orderId, buyer: b }) =>
        waitFor(
          `order ${orderId} fulfilled`,
          async () => {
            const outcome = await callTrpc<OrderView>(
              services.ordering.url,
              "order",
              { orderId },
              { token: b.token, kind: "query" },
            );
            return outcome.ok && outcome.data.status === "fulfilled";
          },
          SAGA,
        ),
      ),
    );
    progress("orders fulfilled");
    // One ticket per seat (asked all at once, so both fulfillment processes answer).
    const tickets = await Promise.all(
      orders.map(({ buyer: b }) =>
        callTrpc<Array<{ orderId: string }>>(services.fulfillment.url, "myTickets", undefined, {
          token: b.token,
          kind: "query",
        }),
      ),
    );
    orders.forEach(({ orderId, seatIds }, i) => {
      const outcome = tickets[i]!;
      expect(outcome.ok && outcome.data.map((t) => t.orderId)).toEqual(seatIds.map(() => orderId));
    });
    // One tickets email per order: one delivery, sent, and one message at the SMTP server.
    const deliveries = await Promise.all(
      orders.map(({ orderId, buyer: b }) =>
        waitFor(
          `the tickets email of ${orderId} sent`,
          async () => {
            const outcome = await callTrpc<Array<{ kind: string; status: string }>>(
              services.notification.url,
              "deliveries",
              { orderId },
              { token: b.token, kind: "query" },
            );
            const sent = outcome.ok && outcome.data.filter((d) => d.kind === "tickets");
            return sent && sent.some((d) => d.status === "sent") && sent;
          },
          SAGA,
        ),
      ),
    );
    expect(deliveries.map((list) => list.length)).toEqual(orders.map(() => 1));
    expect(orders.map(({ buyer: b }) => smtp.countTo(b.email))).toEqual(orders.map(() => 1));

    progress("emails sent");
    // No seat sold twice: all 24 sold, each in exactly one confirmed reservation and one order.
    // (Inventory sells beside ordering's confirmation, since payment pins the holds: waited for.)
    const soldSeats = () =>
      db.query<{ seat_id: string; holds: string }>(
        `SELECT s.id AS seat_id, count(r.id) AS holds FROM bc_inventory.seat s
           LEFT JOIN bc_inventory.reservation_seat rs ON rs.seat_id = s.id
           LEFT JOIN bc_inventory.reservation r ON r.id = rs.reservation_id AND r.status = 'confirmed'
         WHERE s.event_id = ANY($1::uuid[]) AND s.state = 'sold' GROUP BY s.id`,
        [events.map((event) => event.eventId)],
      );
    const sold = await waitFor(
      "24 seats sold",
      async () => {
        const result = await soldSeats();
        return result.rows.length >= 24 && result;
      },
      SAGA,
    );
    expect(sold.rows).toHaveLength(24);
    expect(sold.rows.filter((row) => Number(row.holds) !== 1)).toEqual([]);
    const orderedSeats = orders.flatMap((order) => order.seatIds);
    expect(new Set(orderedSeats).size).toBe(24);

    // Each order confirmed exactly once: one order-confirmed in ordering's outbox, one envelope
    // (one id, delivered once) on the topic. The watcher is a consumer like any other and may lag
    // behind the services on a busy machine, so wait until it has seen every order's confirmation.
    const isConfirmation = (s: Seen) =>
      s.envelope.type === "ordering.order-confirmed" &&
      orderIds.includes(String(s.envelope.data.orderId));
    await waitFor(
      "every order-confirmed on the topic",
      () =>
        new Set(seen.filter(isConfirmation).map((s) => s.envelope.data.orderId)).size ===
        orderIds.length,
      SAGA,
    );
    const confirmed = seen.filter(isConfirmation);
    expect([...countBy(confirmed, (s) => String(s.envelope.data.orderId)).values()]).toEqual(
      orderIds.map(() => 1),
    );
    const { rows: confirmedRows } = await db.query<{ key: string }>(
      `SELECT key FROM bc_ordering.outbox_message
       WHERE type = 'ordering.order-confirmed' AND key = ANY($1::text[])`,
      [orderIds],
    );
    expect(confirmedRows.map((row) => row.key).sort()).toEqual([...orderIds].sort());

    // One active relay per schema: every outbox row of this purchase reached its topic exactly
    // once, and each key's events arrived in the order the relay published its batches (sent_at,
    // then seq within a batch). Not seq alone: concurrent holds draw seq before they commit, so a
    // later seq can commit, and be published, first; only interleaved relays would break this.
    const ids = [...orderIds, ...events.map((event) => event.eventId)];
    for (const { schema, topic } of RELAYS) {
      const { rows } = await db.query<{ id: string; key: string; sent: boolean }>(
        `SELECT id, key, sent_at IS NOT NULL AS sent FROM ${schema}.outbox_message
         WHERE topic = $1 AND (key = ANY($2::text[]) OR payload->'data'->>'orderId' = ANY($2::text[])
           OR payload->'data'->>'eventId' = ANY($2::text[]))
         ORDER BY sent_at, seq`,
        [topic, ids],
      );
      expect(rows.length, `${schema} published something`).toBeGreaterThan(0);
      const published = await waitFor(
        `${schema}'s ${rows.length} events on ${topic}`,
        () => {
          const onTopic = seen.filter((s) => s.topic === topic);
          return rows.every((row) => onTopic.some((s) => s.envelope.id === row.id)) && onTopic;
        },
        SAGA,
      );
      expect(rows.every((row) => row.sent)).toBe(true);
      const rowIds = new Set(rows.map((row) => row.id));
      const mine = published.filter((s) => rowIds.has(s.envelope.id));
      expect(mine, `${schema}: each outbox row published once`).toHaveLength(rows.length);
      for (const key of new Set(rows.map((row) => row.key))) {
        expect(
          mine.filter((s) => s.key === key).map((s) => s.envelope.id),
          `${schema}: events of ${key} in the order the relay published them`,
        ).toEqual(rows.filter((row) => row.key === key).map((row) => row.id));
      }
    }

    // Consumer groups: both processes of each service are members with partitions assigned, and
    // where the saga's messages are keyed by order, both members received some of them.
    const groups = await describeMembers(admin, PURCHASE_GROUPS);
    for (const group of groups) {
      expect(group.members, group.groupId).toHaveLength(PROCESSES);
      for (const member of group.members) {
        expect(partitionCount(member.assignment), group.groupId).toBeGreaterThan(0);
      }
      const topic = ORDER_KEYED[group.groupId as keyof typeof ORDER_KEYED] as string | undefined;
      if (!topic) continue;
      const busy = new Set(
        seen
          .filter((s) => s.topic === topic && orderIds.includes(String(s.envelope.data.orderId)))
          .map((s) => s.partition),
      );
      for (const member of group.members) {
        expect(
          (member.assignment[topic] ?? []).some((partition) => busy.has(partition)),
          `${group.groupId}: member ${member.memberId} got some of the orders' messages`,
        ).toBe(true);
      }
    }

    // Both processes of each service answered requests (their own pid on the request log lines).
    for (const name of SERVICES) {
      const workers = services[name].workerPids();
      const served = services[name].requestsByPid();
      expect(workers.size, name).toBe(PROCESSES);
      for (const pid of workers) {
        expect(served.get(pid) ?? 0, `${name} worker ${pid} served requests`).toBeGreaterThan(0);
      }
    }
  });
});
