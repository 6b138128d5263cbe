import { randomUUID } from "node:crypto";
import { PaymentRefundRefused } from "@marquee/events/contracts/payment";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockOrder } from "../src/adapters/db/ordering-store";
import { insertRefundRequest, upsertEventState } from "../src/adapters/db/refund-store";
import type { EventCancellation } from "../src/app/get-event-cancellation";
import type { OrderView } from "../src/app/order-view";
import { startSaga, VISA_OK, type Saga } from "./harness";

let s: Saga;

beforeAll(async () => {
  s = await startSaga();
});

afterAll(async () => {
  await s?.stop();
});

const LONG = { timeoutMs: 90_000, intervalMs: 100 };
const REASON = "the order took no payment, so there is nothing to refund";

describe("a refund payment refuses", () => {
  it("answers the request as refused with payment's reason, so the event's cancellation completes and the order keeps its status", async () => {
    const { eventId, seats } = await s.stockEvent({ seats: 1 });
    const buyer = await s.customer();
    const admin = await s.customer("admin");
    const hold = await s.hold(buyer, eventId, [seats[0]!.seatId]);
    const cart = await s.order<OrderView>(buyer, "addToCart", {
      reservationId: hold.reservationId,
    });
    if (!cart.ok) throw new Error(`addToCart refused: ${cart.message}`);
    const { orderId } = cart.data;
    await s.order(buyer, "checkout", { orderId });
    expect(await s.pay(buyer, orderId, VISA_OK)).toMatchObject({ ok: true });
    const confirmed = await s.waitForConfirmed(buyer, orderId);

    // Ordering recorded the event's cancellation and a refund request payment will refuse; the
    // request is written without asking payment, which answers below as it would.
    const requestId = randomUUID();
    await s.ordering!.deps.db.$transaction(async (tx) => {
      await upsertEventState(tx, eventId, "cancelled");
      const order = await lockOrder(tx, orderId);
      if (!order) throw new Error("order missing");
      await insertRefundRequest(tx, {
        id: requestId,
        orderId,
        eventId,
        kind: "event-cancelled",
        amountCents: null,
        seatIds: [],
        seatsTo: "blocked",
        reason: "The event was cancelled by its organizer.",
        requestedBy: "system",
      });
    });
    const progress = async () => {
      const answer = await s.order<EventCancellation>(
        admin,
        "eventCancellation",
        { eventId },
        "query",
      );
      if (!answer.ok) throw new Error(`eventCancellation refused: ${answer.message}`);
      return answer.data;
    };
    expect(await progress()).toMatchObject({ ordersToRefund: 1, ordersRefused: 0, done: false });

    const refused = createEvent(PaymentRefundRefused, {
      key: orderId,
      correlationId: randomUUID(),
      data: {
        orderId,
        requestId,
        kind: "event-cancelled",
        requestedCents: null,
        refundableCents: 0,
        reason: REASON,
      },
    });
    await s.publish(Topics.paymentPayments, refused);
    const done = await waitFor(
      "the cancellation done",
      async () => {
        const p = await progress();
        return p.done ? p : undefined;
      },
      LONG,
    );
    expect(done).toMatchObject({ ordersToRefund: 1, ordersRefunded: 0, ordersRefused: 1 });

    const view = await s.order<OrderView>(buyer, "order", { orderId }, "query");
    expect(view.ok && view.data.refunds).toEqual([
      expect.objectContaining({ requestId, status: "refused", refusal: REASON }),
    ]);
    expect(view.ok && view.data.status).toBe(confirmed.status);

    // Announced again under a new envelope id: still answered once, nothing else changes.
    await s.publish(
      Topics.paymentPayments,
      createEvent(PaymentRefundRefused, {
        key: orderId,
        correlationId: randomUUID(),
        data: { ...refused.data, reason: "another reason" },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const again = await s.order<OrderView>(buyer, "order", { orderId }, "query");
    expect(again.ok && again.data.refunds.map((r) => r.refusal)).toEqual([REASON]);
  });
});
