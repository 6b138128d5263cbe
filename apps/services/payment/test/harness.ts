import { callTrpc, type TrpcOutcome } from "@marquee/testkit/call-trpc";
import { randomUUID } from "node:crypto";
import { OrderCancelled, OrderPlaced } from "@marquee/events/contracts/ordering";
import { createEvent } from "@marquee/events/create-event";
import type { MarqueeEvent } from "@marquee/events/registry";
import { Topics, type Topic } from "@marquee/events/topics";
import { createLogger } from "@marquee/service/logger";
import { isolate } from "@marquee/testkit/isolation";
import { serviceTestEnv, startTestBus } from "@marquee/testkit/service-harness";
import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import { waitFor } from "@marquee/testkit/wait-for";
import { loadConfig } from "../src/config";
import { createPaymentService, type PaymentService } from "../src/create-payment-service";

export type PlacedOrder = {
  orderId: string;
  eventId: string;
  customerId: string;
  token: string;
  totalCents: number;
  reservationIds: string[];
};

export type Harness = {
  payment: PaymentService;
  baseUrl: string;
  issuer: TestIssuer;
  /** Every payment.payments event seen since the harness started (whole topic, parsed). */
  events: MarqueeEvent[];
  /** Publishes ordering.order-placed for a new customer and waits until payment has projected it. */
  placeOrder(opts?: { totalCents?: number }): Promise<PlacedOrder>;
  /** Publishes ordering.order-cancelled and waits until payment has closed the order. */
  cancelOrder(order: PlacedOrder): Promise<void>;
  eventsOfOrder(orderId: string): MarqueeEvent[];
  /** The consumer group (and processed-message consumer) payment reads a topic with. */
  groupOf(purpose: "orders" | "reservations"): string;
  /** Publishes any event to its topic, keyed as the event says. */
  publish(topic: Topic, event: MarqueeEvent): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts the real service in-process against the test Postgres, Redis and Kafka, in a scratch
 * schema with consumer groups of its own: a member another test left in payment's shared groups
 * (a killed process stays one until its session times out) cannot hold up this one's join.
 * `shared: true` keeps `bc_payment` and the shared groups, for a test that hands the work on to
 * payment processes of its own.
 */
export const startHarness = async (
  env: Record<string, string> = {},
  { shared = false }: { shared?: boolean } = {},
): Promise<Harness> => {
  const issuer = await startTestIssuer();
  const config = loadConfig(serviceTestEnv(issuer, env));
  const isolation = shared
    ? undefined
    : await isolate("payment", {
        orders: Topics.orderingOrders,
        reservations: Topics.inventoryReservations,
      });
  const payment = createPaymentService(config, {
    handleSignals: false,
    isolation,
    logger: createLogger({ name: "payment", level: config.LOG_LEVEL }),
  });
  const baseUrl = await payment.start();
  await isolation?.joined();
  const bus = await startTestBus<MarqueeEvent>({ watch: [Topics.paymentPayments] });
  const { events } = bus;

  return {
    payment,
    baseUrl,
    issuer,
    events,
    groupOf: (purpose) => `${isolation?.groupPrefix ?? "payment"}.${purpose}`,
    eventsOfOrder: (orderId) =>
      events.filter((e) => (e.data as { orderId?: string }).orderId === orderId),
    async placeOrder({ totalCents = 9_000 } = {}) {
      const { token, user } = await issuer.tokenFor();
      const orderId = randomUUID();
      const eventId = randomUUID();
      const reservationIds = [randomUUID(), randomUUID()].sort();
      const event = createEvent(OrderPlaced, {
        key: orderId,
        correlationId: randomUUID(),
        data: {
          orderId,
          customerId: user.id,
          email: user.email,
          eventId,
          totalCents,
          currency: "EUR",
          seats: reservationIds.map((reservationId, i) => ({
            seatId: randomUUID(),
            reservationId,
            section: "A",
            row: "1",
            number: i + 1,
            priceCents: totalCents / 2,
          })),
        },
      });
      await bus.publish(Topics.orderingOrders, event);
      await waitFor(
        `order ${orderId} in the projection`,
        async () => (await payment.db.orderProjection.count({ where: { orderId } })) === 1,
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      return { orderId, eventId, customerId: user.id, token, totalCents, reservationIds };
    },
    async cancelOrder(order) {
      const { user } = await issuer.tokenFor({ id: order.customerId });
      const event = createEvent(OrderCancelled, {
        key: order.orderId,
        correlationId: randomUUID(),
        data: {
          orderId: order.orderId,
          customerId: order.customerId,
          email: user.email,
          eventId: order.eventId,
          reservationIds: order.reservationIds,
        },
      });
      await bus.publish(Topics.orderingOrders, event);
      await waitFor(
        `order ${order.orderId} cancelled`,
        async () =>
          (await payment.db.orderProjection.findUnique({ where: { orderId: order.orderId } }))
            ?.status === "cancelled",
        { timeoutMs: 60_000, intervalMs: 100 },
      );
    },
    publish: (topic, event) => bus.publish(topic, event),
    async stop() {
      await bus.stop();
      await payment.stop();
      await issuer.close();
      await isolation?.drop();
    },
  };
};

export { callTrpc, type TrpcOutcome };
