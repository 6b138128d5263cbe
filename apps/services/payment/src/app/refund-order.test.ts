import { randomUUID } from "node:crypto";
import { ReservationConfirmationFailed } from "@marquee/events/contracts/inventory";
import { createEvent } from "@marquee/events/create-event";
import type { EventLog } from "@marquee/events/log";
import { describe, expect, it } from "vitest";
import type { PaymentRow, SqlTx } from "../adapters/db/payment-store";
import { refundFailedConfirmation } from "./refund-order";

const noop = (): void => undefined;
const log: EventLog = { debug: noop, info: noop, warn: noop, error: noop };

/** Answers the payment lookup from `payment` and keeps refunds and outbox rows in memory. */
const fakeTx = (payment: PaymentRow | null) => {
  const refunds = new Map<string, unknown[]>();
  const outbox: { type: string; payload: Record<string, unknown> }[] = [];
  const tx: SqlTx = {
    $queryRawUnsafe: <T>(query: string) =>
      Promise.resolve((query.includes("FROM payment") && payment ? [payment] : []) as T),
    $executeRawUnsafe: (query: string, ...values: unknown[]) => {
      if (query.includes("INSERT INTO refund")) {
        const paymentId = values[1] as string;
        if (refunds.has(paymentId)) return Promise.resolve(0);
        refunds.set(paymentId, values);
        return Promise.resolve(1);
      }
      if (query.includes("INSERT INTO outbox_message")) {
        outbox.push({
          type: values[3] as string,
          payload: JSON.parse(values[4] as string) as Record<string, unknown>,
        });
        return Promise.resolve(1);
      }
      return Promise.resolve(0);
    },
  };
  return { tx, refunds, outbox };
};

const succeeded = (orderId: string, amountCents = 9_000): PaymentRow => ({
  id: randomUUID(),
  orderId,
  customerId: "customer-1",
  amountCents,
  currency: "EUR",
  status: "succeeded",
  failureReason: null,
  failureMessage: null,
  cardBrand: "visa",
  cardLast4: "4242",
  idempotencyKey: "k",
  requestHash: "h",
  createdAt: new Date(),
});

const confirmationFailed = (orderId: string, seatId = randomUUID()) =>
  createEvent(ReservationConfirmationFailed, {
    key: randomUUID(),
    correlationId: randomUUID(),
    data: {
      reservationId: randomUUID(),
      eventId: randomUUID(),
      customerId: "customer-1",
      seatIds: [seatId],
      orderId,
      unavailableSeatIds: [seatId],
      reason: "hold expired and the seat was taken",
    },
  });

describe("refundFailedConfirmation", () => {
  it("refunds the succeeded payment in full and enqueues payment-refunded naming the seat", async () => {
    const orderId = randomUUID();
    const payment = succeeded(orderId);
    const { tx, refunds, outbox } = fakeTx(payment);
    const seatId = randomUUID();
    const event = confirmationFailed(orderId, seatId);

    expect(await refundFailedConfirmation(tx, event, log)).toBe("refunded");

    expect(refunds.size).toBe(1);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      type: "payment.payment-refunded",
      payload: {
        key: orderId,
        causationId: event.id,
        correlationId: event.correlationId,
        data: { paymentId: payment.id, orderId, amountCents: 9_000, currency: "EUR" },
      },
    });
    const data = outbox[0]?.payload.data as { refundId: string; reason: string };
    expect(refunds.get(payment.id)?.[0]).toBe(data.refundId);
    expect(data.reason).toContain(seatId);
  });

  it("refunds once when a second reservation of the same order fails", async () => {
    const orderId = randomUUID();
    const { tx, refunds, outbox } = fakeTx(succeeded(orderId));

    expect(await refundFailedConfirmation(tx, confirmationFailed(orderId), log)).toBe("refunded");
    expect(await refundFailedConfirmation(tx, confirmationFailed(orderId), log)).toBe(
      "already-refunded",
    );
    expect(refunds.size).toBe(1);
    expect(outbox).toHaveLength(1);
  });

  it("does nothing for an order without a succeeded payment", async () => {
    const { tx, refunds, outbox } = fakeTx(null);
    expect(await refundFailedConfirmation(tx, confirmationFailed(randomUUID()), log)).toBe(
      "no-payment",
    );
    expect(refunds.size).toBe(0);
    expect(outbox).toHaveLength(0);
  });

  it("writes no refund for a free order", async () => {
    const orderId = randomUUID();
    const { tx, refunds, outbox } = fakeTx(succeeded(orderId, 0));
    expect(await refundFailedConfirmation(tx, confirmationFailed(orderId), log)).toBe(
      "nothing-charged",
    );
    expect(refunds.size).toBe(0);
    expect(outbox).toHaveLength(0);
  });
});
