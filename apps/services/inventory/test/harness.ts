import { callTrpc, type TrpcOutcome } from "@marquee/testkit/call-trpc";
import { randomUUID } from "node:crypto";
import { SeatsGenerated } from "@marquee/events/contracts/catalog";
import { PaymentSucceeded } from "@marquee/events/contracts/payment";
import { createEvent } from "@marquee/events/create-event";
import type { MarqueeEvent } from "@marquee/events/registry";
import { Topics } from "@marquee/events/topics";
import { createLogger } from "@marquee/service/logger";
import { isolate, type Isolation } from "@marquee/testkit/isolation";
import { serviceTestEnv, startTestBus } from "@marquee/testkit/service-harness";
import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import { waitFor } from "@marquee/testkit/wait-for";
import { loadConfig } from "../src/config";
import {
  createInventoryService,
  inventoryConsumers,
  type InventoryService,
} from "../src/create-inventory-service";

export type Harness = {
  inventory: InventoryService;
  /** The scratch schema and consumer groups (none with `shared`): more instances may join them. */
  isolation: Isolation | undefined;
  baseUrl: string;
  issuer: TestIssuer;
  /** Every inventory.reservations event seen since the harness started (whole topic, parsed). */
  events: MarqueeEvent[];
  /** Publishes a layout of `count` seats for a new event and waits until inventory has stocked it. */
  stockEvent(opts: {
    seats: number;
    holdTtlSeconds?: number;
    priceCents?: number;
  }): Promise<{ eventId: string; seats: SeatSpec[]; chunks: MarqueeEvent[] }>;
  /** Publishes an event again under a new envelope id (a repeat, not a redelivery); returns that id. */
  resend(event: MarqueeEvent): Promise<string>;
  publishPaymentSucceeded(opts: {
    eventId: string;
    customerId: string;
    reservationIds: string[];
    amountCents?: number;
  }): Promise<{ orderId: string }>;
  eventsOf(eventId: string): MarqueeEvent[];
  /** Publishes any event to a topic, keyed as the event says. */
  publish(event: MarqueeEvent, topic: string): Promise<void>;
  /** The consumer group (and processed-message consumer name) of one of inventory's consumers. */
  groupOf(purpose: "catalog" | "payments" | "orders"): string;
  stop(): Promise<void>;
};

export type SeatSpec = {
  seatId: string;
  section: string;
  row: string;
  number: number;
  priceCents: number;
};

/**
 * Starts the real service in-process against the test Postgres, Redis and Kafka, in a scratch
 * schema with consumer groups of its own: a member another test left in inventory's shared groups
 * (a killed process stays one until its session times out) cannot hold up this one's join, which
 * once held a test's first stock for over a minute; and the groups start at the topics' end, not
 * at the beginning of everything other suites published (a shared group's first run reads all of
 * it, and kafkajs fetches again only once every partition's batch is handled, so one event waited
 * over 20 s behind other events' seats). A test that runs more inventory instances gives them
 * `h.isolation` and waits with `h.isolation.joined({ members })`. `shared: true` keeps
 * `bc_inventory` and the shared groups, for a bench that also runs inventory instances of its own.
 */
export const startHarness = async (
  env: Record<string, string> = {},
  { watch = true, shared = false }: { watch?: boolean; shared?: boolean } = {},
): Promise<Harness> => {
  const issuer = await startTestIssuer();
  const config = loadConfig(serviceTestEnv(issuer, env));
  const isolation = shared ? undefined : await isolate("inventory", inventoryConsumers);
  const inventory = createInventoryService(config, {
    handleSignals: false,
    isolation,
    logger: createLogger({ name: "inventory", level: config.LOG_LEVEL }),
  });
  const baseUrl = await inventory.start();
  await isolation?.joined();
  // Benchmarks skip the watcher, so reading the stream does not take CPU from the service.
  const bus = await startTestBus<MarqueeEvent>({
    watch: watch ? [Topics.inventoryReservations] : [],
  });
  const { events } = bus;
  const publish = (event: MarqueeEvent, topic: string) => bus.publish(topic, event);

  return {
    inventory,
    isolation,
    baseUrl,
    issuer,
    events,
    eventsOf: (eventId) =>
      events.filter((e) => (e.data as { eventId?: string }).eventId === eventId),
    async stockEvent({ seats: count, holdTtlSeconds = 900, priceCents = 4_500 }) {
      const eventId = randomUUID();
      const seats: SeatSpec[] = Array.from({ length: count }, (_, i) => ({
        seatId: randomUUID(),
        section: "A",
        row: String(Math.floor(i / 25) + 1),
        number: (i % 25) + 1,
        priceCents: priceCents + (i % 3) * 1_000,
      }));
      // Two chunks, the second sent twice: stock must come out exactly once per seat.
      const half = Math.ceil(count / 2);
      const chunks = [seats.slice(0, half), seats.slice(half)].filter((c) => c.length > 0);
      const chunkEvents = chunks.map((chunk, i) =>
        createEvent(SeatsGenerated, {
          key: eventId,
          correlationId: randomUUID(),
          data: {
            eventId,
            layoutId: randomUUID(),
            part: i + 1,
            parts: chunks.length,
            currency: "EUR",
            holdTtlSeconds,
            seats: chunk.map((seat) => ({ ...seat, tier: "standard", accessible: false })),
          },
        }),
      );
      for (const event of [...chunkEvents, chunkEvents[chunkEvents.length - 1]!]) {
        await publish(event, Topics.catalogEvents);
      }
      await waitFor(
        `stock for ${count} seats`,
        async () => (await inventory.db.seat.count({ where: { eventId } })) === count,
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      return { eventId, seats, chunks: chunkEvents };
    },
    publish,
    async resend(event) {
      const again = { ...event, id: randomUUID() };
      await publish(again, Topics.catalogEvents);
      return again.id;
    },
    async publishPaymentSucceeded({ eventId, customerId, reservationIds, amountCents = 4_500 }) {
      const orderId = randomUUID();
      await publish(
        createEvent(PaymentSucceeded, {
          key: orderId,
          correlationId: randomUUID(),
          data: {
            paymentId: randomUUID(),
            orderId,
            customerId,
            amountCents,
            currency: "EUR",
            eventId,
            reservationIds,
          },
        }),
        Topics.paymentPayments,
      );
      return { orderId };
    },
    groupOf: (purpose) => `${isolation?.groupPrefix ?? "inventory"}.${purpose}`,
    async stop() {
      await bus.stop();
      await inventory.stop();
      await issuer.close();
      await isolation?.drop();
    },
  };
};

export { callTrpc, type TrpcOutcome };
