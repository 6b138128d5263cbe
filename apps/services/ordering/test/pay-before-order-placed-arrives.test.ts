import { loadConfig as loadPaymentConfig } from "@marquee/payment/config";
import { createPaymentService, type PaymentService } from "@marquee/payment/service";
import { createLogger } from "@marquee/service/logger";
import { serviceTestEnv, testLogLevel } from "@marquee/testkit/service-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderView } from "../src/app/order-view";
import { callTrpc, eventually, startSaga, VISA_OK, type Customer, type Saga } from "./harness";

// A customer who pays the instant checkout answers can be ahead of ordering.order-placed on
// Kafka. Payment then reads the order through from ordering (its ORDERING_URL) with the
// customer's token, so the one pay call is the answer; nobody retries while Kafka catches up.

let s: Saga;
/** Payment's API only (no consumers) with ordering's address, beside the saga's own payment. */
let readThrough: PaymentService;
let readThroughUrl: string;

beforeAll(async () => {
  s = await startSaga();
  readThrough = createPaymentService(
    loadPaymentConfig(
      serviceTestEnv(s.issuer, {
        GATEWAY_MIN_LATENCY_MS: "10",
        GATEWAY_MAX_LATENCY_MS: "50",
        ORDERING_URL: s.urls.ordering,
      }),
    ),
    { handleSignals: false, logger: createLogger({ name: "payment", level: testLogLevel() }) },
  );
  readThroughUrl = await readThrough.service.start();
});

afterAll(async () => {
  await readThrough?.service.stop();
  await s?.stop();
});

/**
 * A pending order that payment does not know: checked out, then its order-placed (already read
 * by the saga's payment) taken out of payment's projection again, as if it had not arrived yet.
 */
const orderPaymentHasNotSeen = async (buyer: Customer) => {
  const { eventId, seats } = await s.stockEvent({ seats: 2, priceCents: 3_500 });
  const hold = await s.hold(buyer, eventId, [seats[0]!.seatId]);
  const cart = await s.order<OrderView>(buyer, "addToCart", { reservationId: hold.reservationId });
  if (!cart.ok) throw new Error(cart.message);
  const placed = await s.order<OrderView>(buyer, "checkout", { orderId: cart.data.orderId });
  if (!placed.ok) throw new Error(placed.message);
  const { orderId } = placed.data;
  await eventually("payment to record the order", async () =>
    (
      await s.payment.db.$queryRawUnsafe<unknown[]>(
        "SELECT 1 FROM order_projection WHERE order_id = $1::uuid",
        orderId,
      )
    ).length > 0
      ? true
      : undefined,
  );
  await s.payment.db.$executeRawUnsafe(
    "DELETE FROM order_projection WHERE order_id = $1::uuid",
    orderId,
  );
  return placed.data;
};

const payOnce = (url: string, buyer: Customer, orderId: string) =>
  callTrpc<{ status: string; amountCents: number }>(
    url,
    "pay",
    {
      orderId,
      idempotencyKey: `once-${orderId}`,
      card: { number: VISA_OK, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: "123" },
    },
    { token: buyer.token },
  );

describe("paying before order-placed reaches payment", () => {
  it("without ordering's address, payment does not know the order (what read-through fixes)", async () => {
    const buyer = await s.customer();
    const order = await orderPaymentHasNotSeen(buyer);
    expect(await payOnce(s.urls.payment, buyer, order.orderId)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });

  it("reads the order through from ordering and charges it in the one call", async () => {
    const buyer = await s.customer("guest");
    const order = await orderPaymentHasNotSeen(buyer);
    const paid = await payOnce(readThroughUrl, buyer, order.orderId);
    expect(paid).toMatchObject({ ok: true, data: { status: "succeeded", amountCents: 3_500 } });
    // The saga goes on as after any payment: ordering confirms the order.
    await s.waitForConfirmed(buyer, order.orderId);
  });

  it("reads only the caller's own order: someone else's stays NOT_FOUND and is not charged", async () => {
    const buyer = await s.customer();
    const stranger = await s.customer();
    const order = await orderPaymentHasNotSeen(buyer);
    expect(await payOnce(readThroughUrl, stranger, order.orderId)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await readThrough.db.payment.count({ where: { orderId: order.orderId } })).toBe(0);
  });

  it("answers SERVICE_UNAVAILABLE naming the order when ordering does not answer", async () => {
    const buyer = await s.customer();
    const order = await orderPaymentHasNotSeen(buyer);
    await s.stopOrdering();
    try {
      const outcome = await payOnce(readThroughUrl, buyer, order.orderId);
      expect(outcome).toMatchObject({ ok: false, code: "SERVICE_UNAVAILABLE" });
      expect(!outcome.ok && outcome.message).toMatch(/^orderId: /);
    } finally {
      await s.startOrdering();
    }
  });
});
