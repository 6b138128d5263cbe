import { createOrderingDb } from "@marquee/db/ordering";
import { testEnv } from "@marquee/testkit/test-env";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView } from "../src/app/order-view";
import { startSaga, VISA_OK, type Saga } from "./harness";

let s: Saga;

beforeAll(async () => {
  // Ordering runs as its own process here, so it can be killed like a crashed container.
  s = await startSaga({ orderingInProcess: false });
});

afterAll(async () => {
  await s?.stop();
});

const LONG = { timeoutMs: 120_000, intervalMs: 200 };

describe("ordering killed mid-purchase", () => {
  it("completes the order exactly once after a SIGKILL between payment and confirmation", async () => {
    const first = await s.spawnOrdering();
    const { eventId, seats } = await s.stockEvent({ seats: 2 });
    const buyer = await s.customer();
    const seatIds = seats.map((seat) => seat.seatId);
    const hold = await s.hold(buyer, eventId, seatIds);
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    const orderId = cart.ok ? cart.data.orderId : "";
    expect(await s.order(buyer, "checkout", { orderId })).toMatchObject({
      ok: true,
      data: { status: "pending" },
    });

    const paid = await s.pay(buyer, orderId, VISA_OK);
    expect(paid).toMatchObject({ ok: true, data: { status: "succeeded" } });
    await first.kill();
    expect(first.child.signalCode).toBe("SIGKILL");

    // Inventory sells the seats while ordering is down.
    await waitFor(
      "seats sold",
      async () =>
        (await s.inventory.db.seat.count({ where: { id: { in: seatIds }, state: "sold" } })) === 2,
      LONG,
    );

    await s.spawnOrdering();
    await waitFor(
      "order confirmed after the restart",
      async () => {
        const outcome = await s.order<OrderView>(buyer, "order", { orderId }, "query");
        return outcome.ok && ["confirmed", "fulfilled"].includes(outcome.data.status);
      },
      LONG,
    );
    await waitFor(
      "order-confirmed on Kafka",
      () => s.eventsOfOrder(orderId, "ordering.order-confirmed").length > 0,
      LONG,
    );
    const db = createOrderingDb({ url: testEnv.databaseUrl });
    try {
      // The order confirms on the (pinned) payment; inventory's sale marks its item beside that.
      await waitFor(
        "the item marked sold",
        async () =>
          (await db.orderItem.count({ where: { orderId, confirmedAt: { not: null } } })) === 1,
        LONG,
      );
      expect(
        await db.outboxMessage.count({ where: { key: orderId, type: "ordering.order-confirmed" } }),
      ).toBe(1);
    } finally {
      await db.$disconnect();
    }
    // At-least-once delivery may repeat a message; it is still one event (one envelope id).
    expect(
      new Set(s.eventsOfOrder(orderId, "ordering.order-confirmed").map((e) => e.id)).size,
    ).toBe(1);
    expect(await s.payment.db.payment.count({ where: { orderId } })).toBe(1);
  }, 300_000);
});
