// The checkout saga end to end with the real inventory, payment and ordering services: PURCHASES
// buyers (default 40), CONCURRENCY at a time (default 1, then 10), each holding one seat, adding it
// to the cart, checking out and paying; the purchase is done when ordering reports `confirmed`.
// Client-side latencies for the API calls; for pay → confirmed, database timestamps (the payment
// row's created_at → the order-confirmed outbox row's created_at), so polling does not distort it.
//   npm run bench            (all benchmarks)
//   PURCHASES=100 npx tsx apps/services/ordering/bench/checkout-saga.ts
import { performance } from "node:perf_hooks";
import { waitFor } from "@marquee/testkit/wait-for";
import type { OrderView } from "../src/app/order-view";
import { startSaga, VISA_OK, type Customer, type Saga } from "../test/harness";

const purchases = Number(process.env.PURCHASES ?? 40);
const levels = (process.env.CONCURRENCY ?? "1,10").split(",").map(Number);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(0)} ms · p95 ${percentile(sorted, 95).toFixed(0)} ms · max ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} ms`;
};

const timed = async <T>(into: number[], work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await work();
  into.push(performance.now() - started);
  return result;
};

const s: Saga = await startSaga();
try {
  for (const concurrency of levels) {
    const { eventId, seats } = await s.stockEvent({ seats: purchases });
    const buyers: Customer[] = await Promise.all(seats.map(() => s.customer()));
    const t = {
      reserve: [] as number[],
      addToCart: [] as number[],
      checkout: [] as number[],
      pay: [] as number[],
    };
    const orderIds: string[] = [];

    const buy = async (i: number) => {
      const buyer = buyers[i]!;
      const hold = await timed(t.reserve, () => s.hold(buyer, eventId, [seats[i]!.seatId]));
      const cart = await timed(t.addToCart, () =>
        s.order<OrderView>(buyer, "addToCart", { reservationId: hold.reservationId }),
      );
      if (!cart.ok) throw new Error(cart.message);
      const placed = await timed(t.checkout, () =>
        s.order<OrderView>(buyer, "checkout", { orderId: cart.data.orderId }),
      );
      if (!placed.ok) throw new Error(placed.message);
      // Includes waiting for payment to see order-placed (it answers NOT_FOUND until then).
      const paid = await timed(t.pay, () => s.pay(buyer, cart.data.orderId, VISA_OK));
      if (!paid.ok || paid.data.status !== "succeeded") throw new Error("payment failed");
      orderIds.push(cart.data.orderId);
    };

    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < purchases) await buy(next++);
      }),
    );
    await waitFor(
      "every order confirmed",
      async () =>
        (await s.ordering!.db.customerOrder.count({
          where: { id: { in: orderIds }, status: "confirmed" },
        })) === purchases,
      { timeoutMs: 300_000, intervalMs: 200 },
    );
    const elapsed = (performance.now() - started) / 1_000;

    const payments = await s.payment.db.payment.findMany({ where: { orderId: { in: orderIds } } });
    const confirmations = await s.ordering!.db.outboxMessage.findMany({
      where: { key: { in: orderIds }, type: "ordering.order-confirmed" },
    });
    const confirmedAt = new Map(confirmations.map((m) => [m.key, m.createdAt.getTime()]));
    const payToConfirmed = payments.map(
      (p) => (confirmedAt.get(p.orderId) ?? Number.NaN) - p.createdAt.getTime(),
    );

    console.log(`\nordering checkout saga: ${purchases} purchases, ${concurrency} at a time`);
    console.log(
      `  purchases            ${(purchases / elapsed).toFixed(1)}/s (${elapsed.toFixed(1)} s)`,
    );
    console.log(`  inventory.reserve    ${summary(t.reserve)}`);
    console.log(`  addToCart            ${summary(t.addToCart)}`);
    console.log(`  checkout             ${summary(t.checkout)}`);
    console.log(`  pay (incl. waiting)  ${summary(t.pay)}`);
    console.log(
      `  pay → confirmed      ${summary(payToConfirmed)} (payment row → order-confirmed row)`,
    );
    console.log(
      `  confirmed once       ${confirmations.length === purchases ? "yes" : `NO: ${confirmations.length}`}`,
    );
  }
} finally {
  await s.stop();
}
