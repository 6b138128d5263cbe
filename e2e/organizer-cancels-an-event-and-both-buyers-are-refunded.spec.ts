import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import {
  adminToken,
  publishSmallEvent,
  purchaseThroughApis,
} from "./support/purchase-through-apis";
import { callService, ServiceRefusal } from "./support/service-api";
import { signIn } from "./support/sign-in";

const MAILDEV = `http://127.0.0.1:${process.env.TEST_MAILDEV_WEB_PORT ?? 11080}`;

type Mail = { subject: string; text: string; to: { address: string }[] };

const mailsTo = async (address: string): Promise<Mail[]> => {
  const mails = (await (await fetch(`${MAILDEV}/api/email`)).json()) as Mail[];
  return mails.filter((m) => m.to.some((to) => to.address === address));
};

test("an organizer cancels an event with two buyers: both orders are refunded, the door refuses their tickets, each buyer gets one email", async ({
  page,
  browser,
}) => {
  // Three purchases through Kafka, a cancellation saga and the emails: more than the default.
  test.setTimeout(240_000);
  const admin = await adminToken();
  const event = await publishSmallEvent(admin);
  const first = await purchaseThroughApis(1, { event, firstSeat: 0 });
  const second = await purchaseThroughApis(2, { event, firstSeat: 2 });
  const list = await callService<{ id: string }>(
    "fulfillment",
    "createCheckInList",
    { eventId: event.eventId, name: "Main entrance" },
    { token: admin },
  );

  await signIn(page, ADMIN, "/organizer");
  await page.goto(`/organizer/events/${event.eventId}`);
  await expect(page.getByRole("heading", { level: 1, name: event.name })).toBeVisible();
  await page.getByRole("button", { name: "Cancel event" }).click();
  await expect(page.getByText(/every paid order is refunded in full/)).toBeVisible();
  await page.getByRole("button", { name: "Yes, cancel the event" }).click();

  // Progress while the refunds come in, then the end state: €25.00 and €50.00 back.
  const progress = page.getByTestId("cancellation-progress");
  await expect(progress).toHaveAttribute("data-done", "true", { timeout: 60_000 });
  await expect(progress).toContainText(
    "Cancellation complete: 2 of 2 orders refunded (€75.00 back)",
  );

  // The first buyer sees the order refunded in My orders.
  const buyerContext = await browser.newContext();
  const buyerPage = await buyerContext.newPage();
  await signIn(buyerPage, first.customer, "/account/orders");
  await buyerPage.goto("/account/orders");
  await expect(buyerPage.getByText("Refunded", { exact: true })).toBeVisible();
  await buyerContext.close();
  const secondOrder = await callService<{ status: string; refundedCents: number }>(
    "ordering",
    "order",
    { orderId: second.orderId },
    { token: second.customer.token, kind: "query" },
  );
  expect(secondOrder).toMatchObject({ status: "refunded", refundedCents: 5_000 });

  // The door refuses every ticket of both orders, saying why.
  for (const ticket of [...first.tickets, ...second.tickets]) {
    const refusal = await callService(
      "fulfillment",
      "checkIn",
      { listId: list.id, code: ticket.code },
      { token: admin },
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ServiceRefusal);
    expect((refusal as ServiceRefusal).message).toContain("cancelled");
  }

  // One cancellation email per buyer, with the amount.
  for (const [buyer, amount] of [
    [first, "€25.00"],
    [second, "€50.00"],
  ] as const) {
    await expect
      .poll(
        async () =>
          (await mailsTo(buyer.customer.email)).filter((m) => /is cancelled/.test(m.subject))
            .length,
        {
          timeout: 60_000,
        },
      )
      .toBe(1);
    const [mail] = (await mailsTo(buyer.customer.email)).filter((m) =>
      /is cancelled/.test(m.subject),
    );
    expect(mail?.subject).toBe(`${event.name} is cancelled: ${amount} refunded`);
  }
});
