import { callTrpc as callTrpcOverHttp, type TrpcOutcome } from "@marquee/testkit/call-trpc";
import { randomUUID } from "node:crypto";
import type { MarqueeEvent } from "@marquee/events/registry";
import { Topics } from "@marquee/events/topics";
import { createLogger } from "@marquee/service/logger";
import { serviceTestEnv, startTestBus } from "@marquee/testkit/service-harness";
import { startTestIssuer, type TestIssuer } from "@marquee/testkit/tokens";
import type { EventView } from "../src/app/event-view";
import { loadConfig } from "../src/config";
import { createCatalogService, type CatalogService } from "../src/create-catalog-service";

export type Harness = {
  catalog: CatalogService;
  baseUrl: string;
  issuer: TestIssuer;
  adminToken: string;
  /** catalog.events seen on Kafka since the start of the topic (parsed envelopes). */
  catalogEvents: MarqueeEvent[];
  /** Publishes an envelope to a topic, keyed as producers key it. */
  publish(event: MarqueeEvent, topic: string): Promise<void>;
  /** Venue + draft event (+ layout, + published) through the organizer API. */
  createEvent(opts?: {
    name?: string;
    description?: string;
    startsAt?: Date;
    layout?: boolean;
    publish?: boolean;
    sections?: Array<{ name: string; rows: number; seatsPerRow: number; tier: string }>;
  }): Promise<EventView>;
  stop(): Promise<void>;
};

/** Starts the real catalog service in-process (port 0) against the test Postgres, Redis and Kafka. */
export const startHarness = async ({ watchCatalogEvents = false } = {}): Promise<Harness> => {
  const issuer = await startTestIssuer();
  const config = loadConfig(serviceTestEnv(issuer));
  const catalog = createCatalogService(config, {
    handleSignals: false,
    logger: createLogger({ name: "catalog", level: config.LOG_LEVEL }),
  });
  const baseUrl = await catalog.start();
  const { token: adminToken } = await issuer.tokenFor({ role: "admin" });
  // From the topic's current end: everything this test causes, none of the backlog.
  const bus = await startTestBus<MarqueeEvent>({
    watch: watchCatalogEvents ? [Topics.catalogEvents] : [],
    from: "now",
  });

  const call = async <T>(procedure: string, input: unknown): Promise<T> => {
    const result = await callTrpc<T>(baseUrl, procedure, input, { token: adminToken });
    if (!result.ok) throw new Error(`${procedure}: ${result.code} ${result.message}`);
    return result.data;
  };

  return {
    catalog,
    baseUrl,
    issuer,
    adminToken,
    catalogEvents: bus.events,
    publish: (event, topic) => bus.publish(topic, event),
    async createEvent(opts = {}) {
      const venue = await call<{ id: string }>("createVenue", {
        name: "Test Hall",
        city: "Testville",
        timeZone: "Europe/Berlin",
      });
      const event = await call<EventView>("createEvent", {
        name: opts.name ?? `Test event ${randomUUID().slice(0, 8)}`,
        description: opts.description ?? "",
        startsAt: (opts.startsAt ?? new Date(Date.now() + 7 * 86_400_000)).toISOString(),
        venueId: venue.id,
      });
      if (opts.layout === false) return event;
      await call("generateLayout", {
        eventId: event.id,
        currency: "EUR",
        tiers: [
          { name: "Front", priceCents: 6_000 },
          { name: "Back", priceCents: 3_000 },
        ],
        sections: opts.sections ?? [
          { name: "Front", rows: 2, seatsPerRow: 5, tier: "Front" },
          { name: "Back", rows: 3, seatsPerRow: 4, tier: "Back" },
        ],
      });
      if (opts.publish === false) return event;
      return call<EventView>("publish", { eventId: event.id });
    },
    async stop() {
      await bus.stop();
      await catalog.stop();
      await issuer.close();
    },
  };
};

export type { TrpcOutcome };

/** `callTrpc` from the testkit, with catalog's queries sent as GET unless told otherwise. */
export const callTrpc = <T>(
  baseUrl: string,
  procedure: string,
  input: unknown,
  opts: { token?: string; kind?: "query" | "mutation" } = {},
): Promise<TrpcOutcome<T>> =>
  callTrpcOverHttp<T>(baseUrl, procedure, input, {
    ...opts,
    kind: opts.kind ?? (queries.has(procedure) ? "query" : "mutation"),
  });

const queries = new Set([
  "listEvents",
  "event",
  "seatMap",
  "seatIds",
  "venues",
  "adminEvent",
  "organizerEvents",
  "ping",
]);
