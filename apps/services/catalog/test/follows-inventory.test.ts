import { loadConfig } from "@marquee/inventory/config";
import {
  createInventoryService,
  inventoryConsumers,
  type InventoryService,
} from "@marquee/inventory/service";
import { createLogger } from "@marquee/service/logger";
import { isolate, type Isolation } from "@marquee/testkit/isolation";
import { testEnv, testKafkaBrokers } from "@marquee/testkit/test-env";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeatMap } from "../src/domain/seat-map";
import { dataOf } from "@marquee/testkit/call-trpc";
import { callTrpc, startHarness, type Harness } from "./harness";

// Both real services, talking only through Kafka: catalog publishes a layout, inventory stocks it
// and takes holds, catalog's seat map follows inventory's truth. Inventory runs in a scratch
// schema with consumer groups of its own, which start at the topics' end: its shared groups would
// first read everything other suites published.
let catalog: Harness;
let inventory: InventoryService;
let inventoryUrl: string;
let isolation: Isolation;

beforeAll(async () => {
  catalog = await startHarness();
  isolation = await isolate("inventory", inventoryConsumers);
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATABASE_URL: testEnv.databaseUrl,
    REDIS_URL: testEnv.redisUrl,
    KAFKA_BROKERS: testKafkaBrokers().join(","),
    PORT: "0",
    IDENTITY_JWKS_URL: catalog.issuer.jwksUrl,
  });
  inventory = createInventoryService(config, {
    handleSignals: false,
    isolation,
    logger: createLogger({ name: "inventory", level: "silent" }),
  });
  inventoryUrl = await inventory.start();
  await isolation.joined();
});

afterAll(async () => {
  await inventory?.stop();
  await catalog?.stop();
  await isolation?.drop();
});

describe("catalog's seat map and inventory", () => {
  it("shows seats held after a reserve, and free again after a release and after expiry", async () => {
    const event = await catalog.createEvent({
      sections: [{ name: "Floor", rows: 1, seatsPerRow: 6, tier: "Front" }],
    });
    const { seatIds } = dataOf(
      await callTrpc<{ seatIds: string[] }>(catalog.baseUrl, "seatIds", {
        eventId: event.id,
        section: 0,
      }),
    );
    await waitFor("inventory to stock the published layout", async () => {
      const stock = await callTrpc<{ total: number }>(
        inventoryUrl,
        "availability",
        { eventId: event.id },
        { kind: "query" },
      );
      return stock.ok && stock.data.total === 6;
    });
    const floor = async () =>
      dataOf(await callTrpc<SeatMap>(catalog.baseUrl, "seatMap", { eventId: event.id }))
        .sections[0]!.availability;
    const { token } = await catalog.issuer.tokenFor();
    const reserve = async (ids: string[]) =>
      dataOf(
        await callTrpc<{ reservationId: string }>(
          inventoryUrl,
          "reserve",
          { eventId: event.id, seatIds: ids },
          { token, kind: "mutation" },
        ),
      ).reservationId;
    const soon = { timeoutMs: 10_000, intervalMs: 20 };

    const first = await reserve([seatIds[0]!, seatIds[1]!]);
    await waitFor("the seat map to show the hold", async () => (await floor()) === "hhaaaa", soon);

    dataOf(
      await callTrpc(
        inventoryUrl,
        "release",
        { reservationId: first },
        { token, kind: "mutation" },
      ),
    );
    await waitFor(
      "the seat map to show the release",
      async () => (await floor()) === "aaaaaa",
      soon,
    );

    const second = await reserve([seatIds[4]!, seatIds[5]!]);
    await waitFor(
      "the seat map to show the second hold",
      async () => (await floor()) === "aaaahh",
      soon,
    );
    // Let the hold run out now instead of in 15 minutes; inventory's expiry worker does the rest.
    await inventory.db.$executeRawUnsafe(
      `UPDATE reservation SET expires_at = now() - interval '1 second' WHERE id = $1::uuid`,
      second,
    );
    await waitFor(
      "the seat map to show the expiry",
      async () => (await floor()) === "aaaaaa",
      soon,
    );
    expect(await floor()).toBe("aaaaaa");
  });
});
