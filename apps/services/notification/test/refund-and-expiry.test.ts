import { randomUUID } from "node:crypto";
import { OrderExpired } from "@marquee/events/contracts/ordering";
import { PaymentRefunded } from "@marquee/events/contracts/payment";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";

let sink: SmtpSink;
let h: Harness;
beforeAll(async () => {
  sink = await startSmtpSink();
  h = await startHarness(sink.port);
});
afterAll(async () => {
  await h?.stop();
  await sink?.close();
});

describe("the refund email", () => {
  it("tells the order's customer how much came back and why, once per refund", async () => {
    const customer = await h.newCustomer();
    const { orderId } = await h.placeOrder(customer);
    const refunded = createEvent(PaymentRefunded, {
      key: orderId,
      correlationId: randomUUID(),
      data: {
        paymentId: randomUUID(),
        orderId,
        customerId: customer.id,
        amountCents: 9_000,
        currency: "EUR",
        refundId: randomUUID(),
        reason: "seat A/1/1 was sold to someone else after your hold expired",
      },
    });
    await h.publish(Topics.paymentPayments, refunded);
    await h.publish(Topics.paymentPayments, refunded);
    await h.publish(Topics.paymentPayments, { ...refunded, id: randomUUID() });

    const [mail] = await waitFor(
      "the refund email",
      () => sink.to(customer.email).length > 0 && sink.to(customer.email),
      {
        timeoutMs: 60_000,
      },
    );
    expect(mail?.subject).toBe("Your refund of €90.00");
    expect(mail?.text).toContain("seat A/1/1 was sold to someone else");
    expect(mail?.html).toContain("€90.00");

    const history = await waitFor("refund delivery sent", async () => {
      const outcome = await h.deliveries(orderId, customer.token);
      return outcome.ok && outcome.data[0]?.status === "sent" && outcome.data;
    });
    expect(history.map((d) => d.kind)).toEqual(["refund"]);
  });

  it("writes one cancellation email per order when its event is cancelled, however often the refund is announced", async () => {
    const customer = await h.newCustomer();
    const { orderId } = await h.placeOrder(customer);
    const refund = (refundId: string) =>
      createEvent(PaymentRefunded, {
        key: orderId,
        correlationId: randomUUID(),
        data: {
          paymentId: randomUUID(),
          orderId,
          customerId: customer.id,
          amountCents: 12_000,
          currency: "EUR",
          refundId,
          reason: "The event was cancelled by its organizer.",
          kind: "event-cancelled",
          refundedTotalCents: 12_000,
          paymentAmountCents: 12_000,
          seatIds: [],
          seatsTo: "blocked",
        },
      });
    const first = refund(randomUUID());
    await h.publish(Topics.paymentPayments, first);
    await h.publish(Topics.paymentPayments, first);
    const second = refund(randomUUID());
    await h.publish(Topics.paymentPayments, second);
    await waitFor("both announcements applied", async () => {
      const rows = await h.notification.db.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM processed_message WHERE message_id = ANY($1::uuid[])`,
        [first.id, second.id],
      );
      return rows.length === 2;
    });
    const history = await waitFor("the cancellation email sent", async () => {
      const outcome = await h.deliveries(orderId, customer.token);
      return outcome.ok && outcome.data[0]?.status === "sent" && outcome.data;
    });
    expect(history.map((d) => d.kind)).toEqual(["refund"]);
    const mails = sink.to(customer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Your event is cancelled: €120.00 refunded");
    expect(mails[0]?.text).toContain("has been cancelled by its organizer");
  });

  it("waits for the order's address when the refund arrives first", async () => {
    const customer = await h.newCustomer();
    await h.verify(customer);
    const orderId = randomUUID();
    const refunded = createEvent(PaymentRefunded, {
      key: orderId,
      correlationId: randomUUID(),
      data: {
        paymentId: randomUUID(),
        orderId,
        customerId: customer.id,
        amountCents: 1_000,
        currency: "EUR",
        refundId: randomUUID(),
        reason: "order failed",
      },
    });
    await h.publish(Topics.paymentPayments, refunded);
    const expired = createEvent(OrderExpired, {
      key: orderId,
      correlationId: randomUUID(),
      data: { orderId, customerId: customer.id, email: customer.email, eventId: randomUUID() },
    });
    await h.publish(Topics.orderingOrders, expired);
    await waitFor("both emails", () => sink.to(customer.email).length >= 2, { timeoutMs: 60_000 });
    expect(
      sink
        .to(customer.email)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(["Your held seats were released", "Your refund of €10.00"]);
  });
});

describe("a refund that arrives before its order's address", () => {
  it("waits without holding up the refunds behind it, and goes out when the address comes", async () => {
    const refund = (orderId: string, customerId: string, key: string, amountCents: number) =>
      createEvent(PaymentRefunded, {
        key,
        correlationId: randomUUID(),
        data: {
          paymentId: randomUUID(),
          orderId,
          customerId,
          amountCents,
          currency: "EUR",
          refundId: randomUUID(),
          reason: "order failed",
        },
      });
    const early = await h.newCustomer();
    const earlyOrderId = randomUUID();
    await h.publish(Topics.paymentPayments, refund(earlyOrderId, early.id, earlyOrderId, 1_500));

    // Another order's refund behind it on the same partition (same key) goes out meanwhile.
    const other = await h.newCustomer();
    const { orderId: otherOrderId } = await h.placeOrder(other);
    const behind = refund(otherOrderId, other.id, earlyOrderId, 2_500);
    await h.publish(Topics.paymentPayments, behind);
    await waitFor("the refund behind it sent", () => sink.to(other.email).length > 0, {
      timeoutMs: 60_000,
    });
    expect(sink.to(other.email).map((m) => m.subject)).toEqual(["Your refund of €25.00"]);
    expect(sink.to(early.email)).toEqual([]);
    const waiting = await h.notification.db.$queryRawUnsafe<Array<{ customerId: string }>>(
      `SELECT customer_id AS "customerId" FROM refund_awaiting_address WHERE order_id = $1::uuid`,
      earlyOrderId,
    );
    expect(waiting).toEqual([{ customerId: early.id }]);

    // The order's address arrives: the waiting email is sent to it, once.
    await h.placeOrder(early, earlyOrderId);
    const history = await waitFor("the waiting refund sent", async () => {
      const outcome = await h.deliveries(earlyOrderId, early.token);
      return outcome.ok && outcome.data[0]?.status === "sent" && outcome.data;
    });
    expect(history).toMatchObject([{ kind: "refund", to: early.email }]);
    expect(sink.to(early.email).map((m) => m.subject)).toEqual(["Your refund of €15.00"]);
    const left = await h.notification.db.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM refund_awaiting_address WHERE order_id = $1::uuid`,
      earlyOrderId,
    );
    expect(left).toEqual([]);
  });
});

describe("the expired-holds email", () => {
  it("tells a verified customer their seats went back on sale, once per order", async () => {
    const customer = await h.newCustomer();
    await h.verify(customer);
    const orderId = randomUUID();
    const expired = createEvent(OrderExpired, {
      key: orderId,
      correlationId: randomUUID(),
      data: { orderId, customerId: customer.id, email: customer.email, eventId: randomUUID() },
    });
    await h.publish(Topics.orderingOrders, expired);
    await h.publish(Topics.orderingOrders, expired);
    const resent = { ...expired, id: randomUUID() };
    await h.publish(Topics.orderingOrders, resent);
    await h.processed(resent.id);

    const history = await waitFor("expired-holds delivery sent", async () => {
      const outcome = await h.deliveries(orderId, customer.token);
      return outcome.ok && outcome.data[0]?.status === "sent" && outcome.data;
    });
    expect(history).toHaveLength(1);
    const mails = sink.to(customer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Your held seats were released");
    expect(mails[0]?.text).toContain("You have not been charged.");
  });
});

describe("an old expiry", () => {
  it("is not worth an email hours later", async () => {
    const customer = await h.newCustomer();
    await h.verify(customer);
    const orderId = randomUUID();
    const stale = {
      ...createEvent(OrderExpired, {
        key: orderId,
        correlationId: randomUUID(),
        data: { orderId, customerId: customer.id, email: customer.email, eventId: randomUUID() },
      }),
      occurredAt: new Date(Date.now() - 2 * 60 * 60_000).toISOString(),
    };
    await h.publish(Topics.orderingOrders, stale);
    await h.processed(stale.id);
    const history = await h.deliveries(orderId, customer.token);
    expect(history).toMatchObject({ ok: true, data: [] });
  });
});
