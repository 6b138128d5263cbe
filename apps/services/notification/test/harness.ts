import { callTrpc, type TrpcOutcome } from "@marquee/testkit/call-trpc";
import { randomUUID } from "node:crypto";
import { TicketsIssued } from "@marquee/events/contracts/fulfillment";
import { EmailVerified } from "@marquee/events/contracts/identity";
import { OrderPlaced } from "@marquee/events/contracts/ordering";
import { createEvent } from "@marquee/events/create-event";
import type { EventOfType, MarqueeEvent } from "@marquee/events/registry";
import { Topics, type Topic } from "@marquee/events/topics";
import { createLogger } from "@marquee/service/logger";
import { generateShortCode } from "@marquee/tickets/short-code";
import { signTicketCode } from "@marquee/tickets/ticket-code";
import { isolate } from "@marquee/testkit/isolation";
import { serviceTestEnv, startTestBus } from "@marquee/testkit/service-harness";
import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import { waitFor } from "@marquee/testkit/wait-for";
import { loadConfig } from "../src/config";
import {
  createNotificationService,
  type NotificationService,
} from "../src/create-notification-service";
import type { DeliveryView } from "../src/app/list-deliveries";

export type Customer = { id: string; email: string; token: string };

export type Harness = {
  notification: NotificationService;
  baseUrl: string;
  issuer: TestIssuer;
  newCustomer(): Promise<Customer>;
  /** A guest: its own random id, its token, an email nobody proved. */
  newGuest(): Promise<Customer>;
  /** Publishes identity.email-verified for the customer and waits until it is applied. */
  verify(customer: Customer): Promise<void>;
  /** A tickets-issued envelope for a new order of `customer` (not yet published). */
  ticketsIssued(
    customer: Customer,
    seats?: { section: string; row: string; number: number }[],
  ): EventOfType<"fulfillment.tickets-issued">;
  /**
   * Publishes ordering.order-placed (of a new order, or of `orderId`), so notification knows the
   * order's address.
   */
  placeOrder(customer: Customer, orderId?: string): Promise<{ orderId: string; eventId: string }>;
  publish(topic: Topic, event: MarqueeEvent): Promise<void>;
  /** Waits until the consumer group has applied the envelope. */
  processed(eventId: string): Promise<void>;
  deliveries(orderId: string, token: string): Promise<TrpcOutcome<DeliveryView[]>>;
  stop(): Promise<void>;
};

/** Starts the real service in-process against the test Postgres, Redis, Kafka and `smtpPort`. */
export const startHarness = async (smtpPort: number): Promise<Harness> => {
  const issuer = await startTestIssuer();
  const config = loadConfig(
    serviceTestEnv(issuer, {
      SMTP_HOST: "127.0.0.1",
      WEB_URL: "http://shop.example.test:3000",
      SMTP_PORT: String(smtpPort),
      SMTP_TIMEOUT_MS: "5000",
      DELIVERY_RETRY_BASE_MS: "100",
      DELIVERY_RETRY_MAX_MS: "500",
      DELIVERY_POLL_MS: "100",
    }),
  );
  const isolation = await isolate("notification", {
    tickets: Topics.fulfillmentTickets,
    orders: Topics.orderingOrders,
    payments: Topics.paymentPayments,
    accounts: Topics.identityAccounts,
    reservations: Topics.inventoryReservations,
  });
  const notification = createNotificationService(config, {
    handleSignals: false,
    isolation,
    logger: createLogger({ name: "notification", level: config.LOG_LEVEL }),
  });
  const baseUrl = await notification.start();
  await isolation.joined();

  const bus = await startTestBus<MarqueeEvent>();
  const publish = (topic: Topic, event: MarqueeEvent) => bus.publish(topic, event);

  return {
    notification,
    baseUrl,
    issuer,
    publish,
    async newCustomer() {
      const { token, user } = await issuer.tokenFor();
      return { id: user.id, email: user.email, token };
    },
    async newGuest() {
      const { token, user } = await issuer.tokenFor({ role: "guest", name: "Guest" });
      return { id: user.id, email: user.email, token };
    },
    async verify(customer) {
      const event = createEvent(EmailVerified, {
        key: customer.id,
        correlationId: randomUUID(),
        data: { userId: customer.id, email: customer.email, verifiedAt: new Date().toISOString() },
      });
      await publish(Topics.identityAccounts, event);
      await waitFor(
        `envelope ${event.id} applied`,
        async () =>
          (
            await notification.db.$queryRawUnsafe<unknown[]>(
              `SELECT 1 FROM processed_message WHERE message_id = $1::uuid`,
              event.id,
            )
          ).length > 0,
        { timeoutMs: 60_000, intervalMs: 100 },
      );
    },
    ticketsIssued(
      customer,
      seats = [
        { section: "A", row: "3", number: 7 },
        { section: "A", row: "3", number: 8 },
      ],
    ) {
      const orderId = randomUUID();
      const eventId = randomUUID();
      return createEvent(TicketsIssued, {
        key: orderId,
        correlationId: randomUUID(),
        data: {
          orderId,
          customerId: customer.id,
          email: customer.email,
          eventId,
          event: {
            name: "Night Owls Live",
            venueName: "Club Aurora",
            startsAt: "2026-12-12T19:00:00.000Z",
            timeZone: "Europe/Berlin",
          },
          tickets: seats.map((seat) => {
            const ticketId = randomUUID();
            return {
              ...seat,
              ticketId,
              seatId: randomUUID(),
              code: signTicketCode("notification-test-key-0123456789abcdef", { ticketId, eventId }),
              shortCode: generateShortCode(),
            };
          }),
        },
      });
    },
    async placeOrder(customer, orderId = randomUUID()) {
      const eventId = randomUUID();
      const event = createEvent(OrderPlaced, {
        key: orderId,
        correlationId: randomUUID(),
        data: {
          orderId,
          customerId: customer.id,
          email: customer.email,
          eventId,
          totalCents: 9_000,
          currency: "EUR",
          seats: [
            {
              seatId: randomUUID(),
              reservationId: randomUUID(),
              section: "A",
              row: "1",
              number: 1,
              priceCents: 9_000,
            },
          ],
        },
      });
      await publish(Topics.orderingOrders, event);
      await waitFor(
        `contact of order ${orderId}`,
        async () => {
          const rows = await notification.db.$queryRawUnsafe<unknown[]>(
            `SELECT 1 FROM order_contact WHERE order_id = $1::uuid`,
            orderId,
          );
          return rows.length === 1;
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      return { orderId, eventId };
    },
    async processed(eventId) {
      await waitFor(
        `envelope ${eventId} applied`,
        async () => {
          const rows = await notification.db.$queryRawUnsafe<unknown[]>(
            `SELECT 1 FROM processed_message WHERE message_id = $1::uuid`,
            eventId,
          );
          return rows.length > 0;
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
    },
    deliveries: (orderId, token) =>
      callTrpc<DeliveryView[]>(baseUrl, "deliveries", { orderId }, { token, kind: "query" }),
    async stop() {
      await bus.stop();
      await notification.stop();
      await issuer.close();
      await isolation.drop();
    },
  };
};

export { callTrpc, type TrpcOutcome };
