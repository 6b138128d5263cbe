import { randomUUID } from "node:crypto";
import { seatLabel } from "@marquee/tickets/seat-label";
import { expect, test } from "@playwright/test";
import { adminToken, purchaseThroughApis } from "./support/purchase-through-apis";
import { callService, ServiceRefusal } from "./support/service-api";
import { signIn } from "./support/sign-in";
import { screenshot } from "./support/storefront";

const HOUR_MS = 3_600_000;

/**
 * A published event of ten seats at EUR 25.00 whose buyers may cancel until 48 hours before the
 * start with a EUR 2.00 fee, made through catalog's organizer API.
 */
const publishCancellableEvent = async (token: string, startsInMs: number) => {
  const venues = await callService<{ id: string }[]>("catalog", "venues", undefined, {
    token,
    kind: "query",
  });
  const venue = venues[0];
  if (!venue) throw new Error("catalog has no venue; is the seed in place?");
  const name = `E2E cancellable ${randomUUID().slice(0, 8)}`;
  const event = await callService<{ id: string }>(
    "catalog",
    "createEvent",
    {
      name,
      startsAt: new Date(Date.now() + startsInMs).toISOString(),
      venueId: venue.id,
      cancellation: { allowed: true, hoursBefore: 48, feeCents: 200 },
    },
    { token },
  );
  await callService(
    "catalog",
    "generateLayout",
    {
      eventId: event.id,
      currency: "EUR",
      tiers: [{ name: "Main", priceCents: 2_500 }],
      sections: [{ name: "Floor", rows: 2, seatsPerRow: 5, tier: "Main" }],
    },
    { token },
  );
  await callService("catalog", "publish", { eventId: event.id }, { token });
  return { eventId: event.id, name };
};

test("a customer cancels one of two tickets inside the policy and is refused outside it", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const admin = await adminToken();
  const event = await publishCancellableEvent(admin, 30 * 24 * HOUR_MS);
  const purchase = await purchaseThroughApis(2, { event });
  const [cancelled, kept] = purchase.tickets;
  if (!cancelled || !kept) throw new Error("the purchase issued no tickets");

  // The policy is stated before paying, on the event page.
  await page.goto(`/events/${event.eventId}`);
  await expect(page.getByTestId("cancellation-policy")).toHaveText(
    /^Cancellation with a €2\.00 fee until \w{3} \d{1,2} \w{3}, \d{2}:\d{2}$/,
  );

  await signIn(page, purchase.customer, "/account/orders");
  await page.goto("/account/orders");
  const order = page.getByTestId("order").filter({ hasText: event.name });
  await order.getByRole("button", { name: "Cancel tickets…" }).click();
  await expect(order.getByRole("heading", { name: "Cancel tickets" })).toBeFocused();
  // Confirming with nothing ticked is refused at the field.
  await order.getByRole("button", { name: "Cancel tickets", exact: true }).click();
  await expect(order.getByText("Choose at least one ticket to cancel.")).toBeVisible();

  const seat = seatLabel(cancelled);
  await order.getByRole("checkbox", { name: new RegExp(`^${seat} `) }).check();
  await expect(order.getByTestId("cancel-quote")).toHaveText(
    /^You get €23\.00 back \(€2\.00 cancellation fee\)\. Cancellation possible until /,
  );
  await screenshot(page, "customer-cancel-quote");
  await order.getByRole("button", { name: "Cancel 1 ticket, refund €23.00" }).click();
  const result = order.getByTestId("cancel-result");
  await expect(result).toHaveText("Refund of €23.00 on its way");
  await expect(result).toBeFocused();

  // The order shows the refund once payment has made it, and the seat as cancelled.
  await expect(order.getByTestId("refunds")).toContainText("Refunded €23.00", { timeout: 60_000 });
  await expect(order.getByText(new RegExp(`${seat} · €25\\.00 · cancelled`))).toBeVisible();
  await order.getByRole("button", { name: "Show tickets" }).click();
  await expect(order.getByText(/^Void: /)).toHaveCount(1, { timeout: 30_000 });

  // The door refuses the cancelled ticket and admits the other.
  const list = await callService<{ id: string }>(
    "fulfillment",
    "createCheckInList",
    { eventId: event.eventId, name: "Main entrance" },
    { token: admin },
  );
  const refusal = await callService(
    "fulfillment",
    "checkIn",
    { listId: list.id, code: cancelled.code },
    { token: admin },
  ).catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(ServiceRefusal);
  expect((refusal as ServiceRefusal).message).toContain("the ticket was refunded");
  await callService(
    "fulfillment",
    "checkIn",
    { listId: list.id, code: kept.code },
    { token: admin },
  );

  // An event starting within the hour, with the same 48-hour window: its deadline has passed.
  const soon = await publishCancellableEvent(admin, HOUR_MS);
  const late = await purchaseThroughApis(1, { event: soon });
  const other = await browser.newContext({ baseURL });
  const latePage = await other.newPage();
  await latePage.goto(`/events/${soon.eventId}`);
  await expect(latePage.getByTestId("cancellation-policy")).toHaveText("No cancellations");
  await signIn(latePage, late.customer, "/account/orders");
  await latePage.goto("/account/orders");
  const lateOrder = latePage.getByTestId("order").filter({ hasText: soon.name });
  await lateOrder.getByRole("button", { name: "Cancel tickets…" }).click();
  await lateOrder.getByRole("checkbox").first().check();
  await expect(lateOrder.getByTestId("cancel-quote")).toHaveText(
    /^Cancellations for this event closed on \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2}\.$/,
  );
  await expect(
    lateOrder.getByRole("button", { name: "Cancel tickets", exact: true }),
  ).toBeDisabled();
  const direct = await callService(
    "ordering",
    "cancelMyOrder",
    { orderId: late.orderId, idempotencyKey: randomUUID() },
    { token: late.customer.token },
  ).catch((error: unknown) => error);
  expect(direct).toBeInstanceOf(ServiceRefusal);
  expect((direct as ServiceRefusal).message).toContain(
    "PRECONDITION_FAILED orderId: cancellations closed at ",
  );
  await other.close();
});
