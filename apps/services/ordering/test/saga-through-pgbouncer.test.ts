import { services } from "@marquee/db/services";
import { pooledTestDatabaseUrl, testEnv } from "@marquee/testkit/test-env";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView } from "../src/app/order-view";
import { eventually, startSaga, VISA_OK, type Saga, type SagaService } from "./harness";

// Inventory, payment and ordering as production runs them behind PgBouncer in transaction pooling:
// each connects as its own role (marquee_<name>), its search_path the role's, no startup option.
const roleOf = (service: SagaService): string => {
  const found = services.find((s) => s.name === service);
  if (!found) throw new Error(`no role for ${service}`);
  return found.role;
};

/** One query on PgBouncer's admin console (simple protocol, as it requires). */
const askPgBouncer = async <T>(command: string): Promise<T[]> => {
  const url = new URL(testEnv.databaseUrl);
  url.port = String(testEnv.pgbouncerPort);
  url.pathname = "/pgbouncer";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(command)).rows as T[];
  } finally {
    await client.end();
  }
};

let s: Saga;

beforeAll(async () => {
  s = await startSaga({ databaseUrl: (service) => pooledTestDatabaseUrl(roleOf(service)) });
});

afterAll(async () => {
  await s?.stop();
});

describe("the purchase saga through PgBouncer in transaction pooling", () => {
  it("confirms a paid order with every service connected as its own role through the pooler", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 2, priceCents: 4_000 });
    const buyer = await s.customer("guest");
    const seatIds = seats.map((seat) => seat.seatId);
    const hold = await s.hold(buyer, eventId, seatIds);
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    if (!cart.ok) throw new Error(cart.message);
    const placed = await s.order<OrderView>(buyer, "checkout", { orderId: cart.data.orderId });
    if (!placed.ok) throw new Error(placed.message);

    const paid = await s.pay(buyer, placed.data.orderId, VISA_OK);
    expect(paid).toMatchObject({ ok: true, data: { status: "succeeded" } });
    const confirmed = await s.waitForConfirmed(buyer, placed.data.orderId);
    expect(confirmed).toMatchObject({ orderId: placed.data.orderId, totalCents: 4_000 + 5_000 });
    // Inventory sells beside ordering's confirmation (the payment pinned the holds).
    const sold = await eventually("both seats sold", async () => {
      const rows = await s.inventory.db.seat.findMany({ where: { id: { in: seatIds } } });
      return rows.every((seat) => seat.state === "sold") && rows;
    });
    expect(sold.map((seat) => seat.state)).toEqual(["sold", "sold"]);

    // The traffic really went through the pooler, as the three roles, pooled per transaction.
    const pools = await askPgBouncer<{ database: string; user: string; pool_mode: string }>(
      "SHOW POOLS",
    );
    const database = new URL(testEnv.databaseUrl).pathname.slice(1);
    const ours = pools.filter((p) => p.database === database && p.user.startsWith("marquee_"));
    expect(ours.map((p) => p.user).sort()).toEqual(
      expect.arrayContaining(["marquee_inventory", "marquee_ordering", "marquee_payment"]),
    );
    expect(new Set(ours.map((p) => p.pool_mode))).toEqual(new Set(["transaction"]));
  });

  it("holds again and again from many buyers at once, server connections passing between them", async () => {
    // A transaction's server connection serves another client next: a statement prepared under a
    // name on it by one client is unknown to, or collides with, the next (PgBouncer before 1.21
    // keeps no track of them), so everything must run unnamed.
    const { eventId, seats } = await s.stockEvent({ seats: 24, priceCents: 1_000 });
    const buyers = await Promise.all(Array.from({ length: 8 }, () => s.customer("guest")));
    for (const wave of [0, 1, 2]) {
      const holds = await Promise.all(
        buyers.map((buyer, i) => s.hold(buyer, eventId, [seats[wave * 8 + i]!.seatId])),
      );
      expect(new Set(holds.map((hold) => hold.reservationId)).size).toBe(8);
    }
  });

  it("refuses a service's role when it reads another service's table", async () => {
    await expect(
      s.inventory.db.$queryRawUnsafe("SELECT count(*)::int AS n FROM bc_ordering.customer_order"),
    ).rejects.toThrow(/permission denied for schema bc_ordering/);
    await expect(
      s.payment.db.$queryRawUnsafe("SELECT count(*)::int AS n FROM bc_inventory.seat"),
    ).rejects.toThrow(/permission denied for schema bc_inventory/);
  });
});
