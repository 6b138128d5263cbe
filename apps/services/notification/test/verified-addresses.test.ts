import { randomUUID } from "node:crypto";
import { RegistrationAttempted, VerificationRequested } from "@marquee/events/contracts/identity";
import { OrderExpired } from "@marquee/events/contracts/ordering";
import { createEvent } from "@marquee/events/create-event";
import { Topics } from "@marquee/events/topics";
import { waitFor } from "@marquee/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Customer, type Harness } from "./harness";
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

/** Publishes order-expired for a new order of `customer`; resolves once notification applied it. */
const expireHolds = async (customer: Customer) => {
  const orderId = randomUUID();
  const expired = createEvent(OrderExpired, {
    key: orderId,
    correlationId: randomUUID(),
    data: { orderId, customerId: customer.id, email: customer.email, eventId: randomUUID() },
  });
  await h.publish(Topics.orderingOrders, expired);
  await h.processed(expired.id);
  return orderId;
};

describe("the expired-holds email goes only to proven addresses", () => {
  it("sends nothing to a guest, whose email nobody proved", async () => {
    const guest = await h.newGuest();
    const orderId = await expireHolds(guest);
    expect(await h.deliveries(orderId, guest.token)).toMatchObject({ ok: true, data: [] });
    expect(sink.to(guest.email)).toEqual([]);
  });

  it("sends nothing to an account that has not followed its verification link", async () => {
    const customer = await h.newCustomer();
    const orderId = await expireHolds(customer);
    expect(await h.deliveries(orderId, customer.token)).toMatchObject({ ok: true, data: [] });
    expect(sink.to(customer.email)).toEqual([]);
  });

  it("sends nothing when the order's email is not the one the account verified", async () => {
    const customer = await h.newCustomer();
    await h.verify(customer);
    const elsewhere = {
      ...customer,
      email: `someone-else-${randomUUID().slice(0, 8)}@example.com`,
    };
    const orderId = await expireHolds(elsewhere);
    expect(await h.deliveries(orderId, customer.token)).toMatchObject({ ok: true, data: [] });
    expect(sink.to(elsewhere.email)).toEqual([]);
  });

  it("sends one email to a verified account", async () => {
    const customer = await h.newCustomer();
    await h.verify(customer);
    const orderId = await expireHolds(customer);
    await waitFor("the expired-holds email", () => sink.to(customer.email).length === 1, {
      timeoutMs: 60_000,
    });
    const history = await h.deliveries(orderId, customer.token);
    expect(history).toMatchObject({ ok: true, data: [{ kind: "holds-expired" }] });
    expect(sink.to(customer.email).map((mail) => mail.subject)).toEqual([
      "Your held seats were released",
    ]);
  });
});

describe("the verification email", () => {
  it("sends the link to the storefront's /verify-email page once per request", async () => {
    const userId = randomUUID();
    const email = `new-account-${userId.slice(0, 8)}@example.com`;
    const token = `token-${randomUUID()}`;
    const requested = createEvent(VerificationRequested, {
      key: userId,
      correlationId: randomUUID(),
      data: {
        userId,
        email,
        displayName: "Ada <Lovelace>",
        token,
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    await h.publish(Topics.identityAccounts, requested);
    await h.publish(Topics.identityAccounts, { ...requested, id: randomUUID() });
    await waitFor("the verification email", () => sink.to(email).length >= 1, {
      timeoutMs: 60_000,
    });
    const [mail, ...more] = sink.to(email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe("Confirm your email address");
    const link = `http://shop.example.test:3000/verify-email?token=${token}`;
    expect(mail?.text).toContain(link);
    expect(mail?.html).toContain(`href="${link}"`);
    expect(mail?.html).toContain("Ada &lt;Lovelace&gt;");
  });
});

describe("the notice of a sign-up with a taken address", () => {
  it("tells the owner once a day, with a link to sign in instead", async () => {
    const userId = randomUUID();
    const email = `taken-${userId.slice(0, 8)}@example.com`;
    const attempted = (attemptedAt: string) =>
      createEvent(RegistrationAttempted, {
        key: userId,
        correlationId: randomUUID(),
        data: { userId, email, displayName: "Grace <Hopper>", attemptedAt },
      });
    // Noon, so the second attempt a minute later falls on the same day.
    const noon = new Date();
    noon.setUTCHours(12, 0, 0, 0);
    await h.publish(Topics.identityAccounts, attempted(noon.toISOString()));
    await waitFor("the notice", () => sink.to(email).length >= 1, { timeoutMs: 60_000 });
    const again = attempted(new Date(noon.getTime() + 60_000).toISOString());
    await h.publish(Topics.identityAccounts, again);
    await h.processed(again.id);
    // Deliveries are polled every 500 ms: a second one would have gone out by now.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const [mail, ...more] = sink.to(email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe("Someone tried to create an account with your email address");
    expect(mail?.text).toContain("http://shop.example.test:3000/sign-in");
    expect(mail?.text).toContain("No new account was created");
    expect(mail?.html).toContain("Grace &lt;Hopper&gt;");
  });
});
