import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { SeatsGenerated } from "@marquee/events/contracts/catalog";
import { createEvent } from "@marquee/events/create-event";
import type { MarqueeEvent } from "@marquee/events/registry";
import { Topics, type Topic } from "@marquee/events/topics";
import { loadConfig as loadInventoryConfig } from "@marquee/inventory/config";
import { createInventoryService, type InventoryService } from "@marquee/inventory/service";
import { loadConfig as loadPaymentConfig } from "@marquee/payment/config";
import { createPaymentService, type PaymentService } from "@marquee/payment/service";
import { createLogger } from "@marquee/service/logger";
import { callTrpc, type TrpcOutcome } from "@marquee/testkit/call-trpc";
import { serviceTestEnv, startTestBus, testLogLevel } from "@marquee/testkit/service-harness";
import { spawnService, type ServiceProcess } from "@marquee/testkit/service-process";
import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import { waitFor } from "@marquee/testkit/wait-for";
import type { OrderView } from "../src/app/order-view";
import { loadConfig } from "../src/config";
import { createOrderingService, type OrderingService } from "../src/create-ordering-service";

export type SeatSpec = {
  seatId: string;
  section: string;
  row: string;
  number: number;
  priceCents: number;
};

export type Hold = {
  reservationId: string;
  eventId: string;
  expiresAt: string;
  totalCents: number;
  seats: Array<{ seatId: string; priceCents: number }>;
};

export type Customer = { token: string; id: string; email: string };

/** Ordering as a separate process, so a test can SIGKILL it. */
export type OrderingProcess = ServiceProcess;

export type Saga = {
  issuer: TestIssuer;
  inventory: InventoryService;
  payment: PaymentService;
  /** Ordering in this process, when the saga runs it here. */
  ordering: OrderingService | null;
  urls: { inventory: string; payment: string; ordering: string };
  /** Every ordering.orders / inventory.reservations / payment.payments event since the start. */
  events: MarqueeEvent[];
  eventsOfOrder(orderId: string, type?: string): MarqueeEvent[];
  customer(role?: "customer" | "guest" | "admin"): Promise<Customer>;
  /** Publishes a seat layout for a new event (as catalog does) and waits until inventory stocked it. */
  stockEvent(opts: {
    seats: number;
    holdTtlSeconds?: number;
    priceCents?: number;
  }): Promise<{ eventId: string; seats: SeatSpec[] }>;
  /**
   * Makes a hold run out now, as if its time had passed: inventory's expiry worker then frees it
   * and announces reservation-expired. Tests stay independent of how fast a loaded machine is.
   */
  expireHold(reservationId: string): Promise<void>;
  /** inventory.reserve as the customer; throws when refused. */
  hold(customer: Customer, eventId: string, seatIds: string[]): Promise<Hold>;
  /** A call to ordering's API. */
  order<T = OrderView>(
    customer: Customer,
    procedure: string,
    input: unknown,
    kind?: "query" | "mutation",
  ): Promise<TrpcOutcome<T>>;
  /**
   * payment.pay as the customer. Right after checkout payment may not have seen order-placed yet
   * and answers NOT_FOUND; retrying with the same key is safe, as payment documents.
   */
  pay(
    customer: Customer,
    orderId: string,
    card: string,
    idempotencyKey?: string,
  ): Promise<TrpcOutcome<{ status: string; paymentId: string }>>;
  /** Waits until the order reaches `status` (read from ordering's API). */
  waitForStatus(customer: Customer, orderId: string, status: string): Promise<OrderView>;
  /**
   * Waits until the order is confirmed. `fulfilled` counts too: a fulfillment service started by
   * another test run on the same broker may issue the tickets of a confirmed order at once.
   */
  waitForConfirmed(customer: Customer, orderId: string): Promise<OrderView>;
  publish(topic: Topic, event: MarqueeEvent): Promise<void>;
  /** Stops the in-process ordering (cleanly: consumers leave, the outbox drains). */
  stopOrdering(): Promise<void>;
  /** Starts a fresh in-process ordering against the same database and consumer groups. */
  startOrdering(): Promise<void>;
  /** Starts ordering as a child process (`node src/main.ts`) against the same infrastructure. */
  spawnOrdering(): Promise<OrderingProcess>;
  stop(): Promise<void>;
};

export const VISA_OK = "4242 4242 4242 4242";
export const DECLINED = "4000 0000 0000 0002";

const LONG = { timeoutMs: 90_000, intervalMs: 100 };

/**
 * Waits for an outcome of the saga. Generous on purpose: a hop can sit behind a consumer group
 * rebalance; the tests assert what happens, not how fast (the benchmark measures that).
 */
export const eventually = <T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
): Promise<T> => waitFor(what, probe, LONG);
const serviceDir = fileURLToPath(new URL("..", import.meta.url));

export type SagaService = "inventory" | "payment" | "ordering";

/**
 * Inventory, payment and (unless told otherwise) ordering, the real services, started in this
 * process on ephemeral ports against the test Postgres, Redis and Kafka; they talk to each other
 * through Kafka (and ordering and payment to inventory's HTTP API, as in production). `databaseUrl`
 * gives a service another `DATABASE_URL` (its role through PgBouncer); by default each connects
 * to the test database directly, as the owner.
 */
export const startSaga = async ({
  orderingInProcess = true,
  databaseUrl,
  paymentPinsHolds = true,
}: {
  orderingInProcess?: boolean;
  databaseUrl?: (service: SagaService) => string;
  /**
   * Payment pins the order's holds in inventory before charging, as in production. False runs
   * payment without inventory's address: charges go ahead unpinned (inventory unreachable).
   */
  paymentPinsHolds?: boolean;
} = {}): Promise<Saga> => {
  const issuer = await startTestIssuer();
  const level = testLogLevel();
  const common = serviceTestEnv(issuer);
  const envOf = (service: SagaService) =>
    databaseUrl ? { ...common, DATABASE_URL: databaseUrl(service) } : common;
  const inventory = createInventoryService(loadInventoryConfig(envOf("inventory")), {
    handleSignals: false,
    logger: createLogger({ name: "inventory", level }),
  });
  const inventoryUrl = await inventory.start();
  // A fast gateway: the saga is about the messages, not the card network's latency.
  const payment = createPaymentService(
    loadPaymentConfig({
      ...envOf("payment"),
      ...(paymentPinsHolds ? { INVENTORY_URL: inventoryUrl } : {}),
      GATEWAY_MIN_LATENCY_MS: "10",
      GATEWAY_MAX_LATENCY_MS: "50",
    }),
    { handleSignals: false, logger: createLogger({ name: "payment", level }) },
  );
  const paymentUrl = await payment.start();
  const orderingEnv = { ...envOf("ordering"), INVENTORY_URL: inventoryUrl };
  const urls = { inventory: inventoryUrl, payment: paymentUrl, ordering: "" };
  const startOrdering = async () => {
    const ordering = createOrderingService(loadConfig(orderingEnv), {
      handleSignals: false,
      logger: createLogger({ name: "ordering", level }),
    });
    urls.ordering = await ordering.start();
    return ordering;
  };

  // Only what happens from now on matters: the watcher starts at the topics' current end.
  const bus = await startTestBus<MarqueeEvent>({
    watch: [Topics.orderingOrders, Topics.inventoryReservations, Topics.paymentPayments],
    from: "now",
  });
  const { events } = bus;
  const publish = (topic: Topic, event: MarqueeEvent) => bus.publish(topic, event);
  const children: OrderingProcess[] = [];
  const waitForStatusIn = (customer: Customer, orderId: string, statuses: string[]) =>
    waitFor(
      `order ${orderId} ${statuses.join(" or ")}`,
      async () => {
        const outcome = await callTrpc<OrderView>(
          urls.ordering,
          "order",
          { orderId },
          { token: customer.token, kind: "query" },
        );
        return outcome.ok && statuses.includes(outcome.data.status) ? outcome.data : undefined;
      },
      LONG,
    );

  const saga: Saga = {
    issuer,
    inventory,
    payment,
    ordering: orderingInProcess ? await startOrdering() : null,
    urls,
    events,
    eventsOfOrder: (orderId, type) =>
      events.filter(
        (e) =>
          (e.data as { orderId?: string }).orderId === orderId &&
          (type === undefined || e.type === type),
      ),
    async customer(role = "customer") {
      const { token, user } = await issuer.tokenFor({ role });
      return { token, id: user.id, email: user.email };
    },
    async stockEvent({ seats: count, holdTtlSeconds = 900, priceCents = 4_500 }) {
      const eventId = randomUUID();
      const seats: SeatSpec[] = Array.from({ length: count }, (_, i) => ({
        seatId: randomUUID(),
        section: "A",
        row: String(Math.floor(i / 25) + 1),
        number: (i % 25) + 1,
        priceCents: priceCents + (i % 3) * 1_000,
      }));
      await publish(
        Topics.catalogEvents,
        createEvent(SeatsGenerated, {
          key: eventId,
          correlationId: randomUUID(),
          data: {
            eventId,
            layoutId: randomUUID(),
            part: 1,
            parts: 1,
            currency: "EUR",
            holdTtlSeconds,
            seats: seats.map((seat) => ({ ...seat, tier: "standard", accessible: false })),
          },
        }),
      );
      await waitFor(
        `stock for ${count} seats`,
        async () => (await inventory.db.seat.count({ where: { eventId } })) === count,
        LONG,
      );
      return { eventId, seats };
    },
    async expireHold(reservationId) {
      await inventory.db.reservation.update({
        where: { id: reservationId },
        data: { expiresAt: new Date(Date.now() - 1_000) },
      });
    },
    async hold(customer, eventId, seatIds) {
      const outcome = await callTrpc<Hold>(
        inventoryUrl,
        "reserve",
        { eventId, seatIds },
        { token: customer.token },
      );
      if (!outcome.ok) throw new Error(`reserve refused: ${outcome.code} ${outcome.message}`);
      return outcome.data;
    },
    order: (customer, procedure, input, kind = "mutation") =>
      callTrpc(urls.ordering, procedure, input, { token: customer.token, kind }),
    async pay(customer, orderId, card, idempotencyKey = randomUUID()) {
      const input = {
        orderId,
        idempotencyKey,
        card: { number: card, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: "123" },
      };
      return waitFor(
        `payment to accept order ${orderId}`,
        async () => {
          const outcome = await callTrpc<{ status: string; paymentId: string }>(
            paymentUrl,
            "pay",
            input,
            { token: customer.token },
          );
          return !outcome.ok && outcome.code === "NOT_FOUND" ? undefined : outcome;
        },
        LONG,
      );
    },
    waitForStatus: (customer, orderId, status) => waitForStatusIn(customer, orderId, [status]),
    waitForConfirmed: (customer, orderId) =>
      waitForStatusIn(customer, orderId, ["confirmed", "fulfilled"]),
    publish,
    async stopOrdering() {
      await saga.ordering?.stop();
      saga.ordering = null;
    },
    async startOrdering() {
      saga.ordering = await startOrdering();
    },
    async spawnOrdering() {
      const proc = await spawnService({ cwd: serviceDir, env: orderingEnv });
      urls.ordering = proc.url;
      children.push(proc);
      return proc;
    },
    async stop() {
      // Ended the way an orchestrator ends them, so no dead member stays in their consumer groups.
      await Promise.all(children.map((c) => c.stop()));
      await bus.stop();
      await saga.ordering?.stop();
      await payment.stop();
      await inventory.stop();
      await issuer.close();
    },
  };
  return saga;
};

export { callTrpc, type TrpcOutcome };
