import { callTrpc, dataOf, type TrpcOutcome } from "@marquee/testkit/call-trpc";
import { randomUUID } from "node:crypto";
import { EventPublished, EventUpdated, NO_CANCELLATION } from "@marquee/events/contracts/catalog";
import { OrderConfirmed } from "@marquee/events/contracts/ordering";
import { createEvent } from "@marquee/events/create-event";
import type { EventOfType, MarqueeEvent } from "@marquee/events/registry";
import { Topics, type Topic } from "@marquee/events/topics";
import { createLogger } from "@marquee/service/logger";
import { verifyTicketCode } from "@marquee/tickets/ticket-code";
import { isolate } from "@marquee/testkit/isolation";
import { serviceTestEnv, startTestBus } from "@marquee/testkit/service-harness";
import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import { waitFor } from "@marquee/testkit/wait-for";
import { loadConfig } from "../src/config";
import type { TicketView } from "../src/app/ticket-view";
import {
  createFulfillmentService,
  type FulfillmentService,
} from "../src/create-fulfillment-service";

type Seat = { section: string; row: string; number: number };

export const SIGNING_KEY = "fulfillment-test-signing-key-0123456789";

export type PublishedEvent = EventOfType<"catalog.event-published">["data"];

export type ConfirmedOrder = {
  orderId: string;
  eventId: string;
  customerId: string;
  email: string;
  token: string;
  /** The order-confirmed envelope as published, for redelivery tests. */
  envelope: EventOfType<"ordering.order-confirmed">;
};

export type Harness = {
  fulfillment: FulfillmentService;
  baseUrl: string;
  issuer: TestIssuer;
  /** fulfillment.tickets events seen since the harness started, other instances' issues left out. */
  events: MarqueeEvent[];
  /** Publishes catalog.event-published and waits until fulfillment's projection has it. */
  publishEvent(overrides?: Partial<PublishedEvent>): Promise<PublishedEvent>;
  /** Publishes catalog.event-updated with status cancelled and waits until the projection has it. */
  cancelEvent(event: PublishedEvent): Promise<void>;
  /** Publishes ordering.order-confirmed for a new customer (or the given one) and its seats. */
  confirmOrder(opts: {
    eventId: string;
    seats?: Seat[];
    customerId?: string;
  }): Promise<ConfirmedOrder>;
  /** Waits until the order's tickets are in the database; resolves with how many. */
  ticketsIssued(orderId: string, count: number): Promise<void>;
  /** The order's tickets as its buyer reads them (`orderTickets`). */
  ticketsOf(order: ConfirmedOrder): Promise<TicketView[]>;
  /** A confirmed order of these seats for a new customer, once its tickets are issued. */
  buyTickets(
    eventId: string,
    seats: Seat[],
  ): Promise<{ order: ConfirmedOrder; tickets: TicketView[] }>;
  eventsOfOrder(orderId: string, type?: string): MarqueeEvent[];
  publish(topic: Topic, event: MarqueeEvent): Promise<void>;
  stop(): Promise<void>;
};

/** Starts the real service in-process against the test Postgres, Redis and Kafka. */
export const startHarness = async (): Promise<Harness> => {
  const issuer = await startTestIssuer();
  const config = loadConfig(serviceTestEnv(issuer, { TICKET_SIGNING_KEY: SIGNING_KEY }));
  const isolation = await isolate("fulfillment", {
    events: Topics.catalogEvents,
    orders: Topics.orderingOrders,
  });
  const fulfillment = createFulfillmentService(config, {
    handleSignals: false,
    isolation,
    logger: createLogger({ name: "fulfillment", level: config.LOG_LEVEL }),
  });
  const baseUrl = await fulfillment.start();
  await isolation.joined();

  const bus = await startTestBus<MarqueeEvent>({
    watch: [Topics.fulfillmentTickets],
    // The topic is shared with any other fulfillment on this broker (a browser-test stack):
    // keep only what this instance issued, recognisable by codes signed with the test key.
    keep: (event) =>
      event.type !== "fulfillment.tickets-issued" ||
      event.data.tickets.every((t) => verifyTicketCode(SIGNING_KEY, t.code)),
  });
  const { events } = bus;
  const publish = (topic: Topic, event: MarqueeEvent) => bus.publish(topic, event);

  const harness: Harness = {
    fulfillment,
    baseUrl,
    issuer,
    events,
    publish,
    eventsOfOrder: (orderId, type) =>
      events.filter(
        (e) => (e.data as { orderId?: string }).orderId === orderId && (!type || e.type === type),
      ),
    async publishEvent(overrides = {}) {
      const data: PublishedEvent = {
        eventId: randomUUID(),
        name: "Night Owls Live",
        venueId: randomUUID(),
        venueName: "Club Aurora",
        startsAt: "2026-12-12T19:00:00.000Z",
        timeZone: "Europe/Berlin",
        holdTtlSeconds: 900,
        holdExtensionMinutes: 0,
        salesOpenAt: null,
        salesCloseAt: null,
        waitingRoom: null,
        cancellation: NO_CANCELLATION,
        ...overrides,
      };
      await publish(
        Topics.catalogEvents,
        createEvent(EventPublished, { key: data.eventId, correlationId: randomUUID(), data }),
      );
      await waitFor(
        `event ${data.eventId} in the projection`,
        async () => {
          const rows = await fulfillment.db.$queryRawUnsafe<unknown[]>(
            `SELECT 1 FROM event_projection WHERE event_id = $1::uuid`,
            data.eventId,
          );
          return rows.length === 1;
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      return data;
    },
    async cancelEvent(event) {
      const { eventId, name, startsAt, timeZone, holdTtlSeconds } = event;
      await publish(
        Topics.catalogEvents,
        createEvent(EventUpdated, {
          key: eventId,
          correlationId: randomUUID(),
          data: {
            eventId,
            name,
            startsAt,
            timeZone,
            holdTtlSeconds,
            status: "cancelled",
            salesOpenAt: null,
            salesCloseAt: null,
            waitingRoom: null,
          },
        }),
      );
      await waitFor(
        `event ${eventId} cancelled in the projection`,
        async () => {
          const rows = await fulfillment.db.$queryRawUnsafe<unknown[]>(
            `SELECT 1 FROM event_projection WHERE event_id = $1::uuid AND status = 'cancelled'`,
            eventId,
          );
          return rows.length === 1;
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
    },
    async confirmOrder({ eventId, seats, customerId }) {
      const { token, user } = await issuer.tokenFor(customerId ? { id: customerId } : {});
      const orderId = randomUUID();
      const seatList = seats ?? [
        { section: "A", row: "3", number: 7 },
        { section: "A", row: "3", number: 8 },
      ];
      const envelope = createEvent(OrderConfirmed, {
        key: orderId,
        correlationId: randomUUID(),
        data: {
          orderId,
          customerId: user.id,
          email: user.email,
          eventId,
          totalCents: 4_500 * seatList.length,
          currency: "EUR",
          seats: seatList.map((seat) => ({
            ...seat,
            seatId: randomUUID(),
            reservationId: randomUUID(),
            priceCents: 4_500,
          })),
        },
      });
      await publish(Topics.orderingOrders, envelope);
      return { orderId, eventId, customerId: user.id, email: user.email, token, envelope };
    },
    async ticketsIssued(orderId, count) {
      await waitFor(
        `${count} tickets of order ${orderId}`,
        async () => {
          const [row] = await fulfillment.db.$queryRawUnsafe<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM ticket WHERE order_id = $1::uuid`,
            orderId,
          );
          return row?.n === count;
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
    },
    async ticketsOf(order) {
      return dataOf(
        await callTrpc<TicketView[]>(
          baseUrl,
          "orderTickets",
          { orderId: order.orderId },
          { token: order.token, kind: "query" },
        ),
      );
    },
    async buyTickets(eventId, seats) {
      const order = await harness.confirmOrder({ eventId, seats });
      await harness.ticketsIssued(order.orderId, seats.length);
      return { order, tickets: await harness.ticketsOf(order) };
    },
    async stop() {
      await bus.stop();
      await fulfillment.stop();
      await issuer.close();
      await isolation.drop();
    },
  };
  return harness;
};

export { callTrpc, dataOf, type TrpcOutcome };
