import { expect, test } from "@playwright/test";
import { seatLabel } from "@marquee/tickets/seat-label";
import { ADMIN } from "./support/accounts";
import { adminToken, purchaseThroughApis } from "./support/purchase-through-apis";
import { callService, ServiceRefusal } from "./support/service-api";
import { signIn } from "./support/sign-in";

test("an organizer refunds one of two tickets and puts its seat back on sale; the door refuses that ticket", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const purchase = await purchaseThroughApis(2);
  const [refunded, kept] = purchase.tickets;
  if (!refunded || !kept) throw new Error("the purchase issued no tickets");

  await signIn(page, ADMIN, "/organizer");
  await page.goto(`/organizer/events/${purchase.eventId}`);
  await expect(page.getByTestId("seats-available")).toHaveText("8");
  const order = page.getByTestId("event-order");
  await expect(order).toContainText(purchase.customer.email);
  await order.getByRole("button", { name: "Refund…" }).click();
  const seat = seatLabel(refunded);
  await order.getByRole("checkbox", { name: new RegExp(`^${seat} `) }).check();
  await order.getByLabel("Reason (the buyer reads it)").fill("Seat with a blocked view");
  await order.getByRole("radio", { name: "Put them back on sale" }).check();
  await order.getByRole("button", { name: "Refund €25.00" }).click();

  await expect(order).toContainText("€25.00 refunded", { timeout: 60_000 });
  await expect(order).toContainText(`${seat} (refunded)`);
  // The seat is back on the seat map.
  await expect(page.getByTestId("seats-available")).toHaveText("9", { timeout: 30_000 });

  const admin = await adminToken();
  const list = await callService<{ id: string }>(
    "fulfillment",
    "createCheckInList",
    { eventId: purchase.eventId, name: "Main entrance" },
    { token: admin },
  );
  const refusal = await callService(
    "fulfillment",
    "checkIn",
    { listId: list.id, code: refunded.code },
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
});
