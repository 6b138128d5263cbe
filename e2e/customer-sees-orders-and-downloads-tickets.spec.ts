import { expect, test } from "@playwright/test";
import { purchaseThroughApis } from "./support/purchase-through-apis";
import { signIn } from "./support/sign-in";
import { screenshot } from "./support/storefront";

test("a signed-in customer sees the order under my orders, its tickets, and downloads the PDF", async ({
  page,
  browser,
  baseURL,
}) => {
  const purchase = await purchaseThroughApis(2);
  await signIn(page, purchase.customer);

  await page.getByRole("banner").getByRole("link", { name: "My orders" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My orders" })).toBeVisible();
  const order = page.getByTestId("order").filter({ hasText: purchase.eventName });
  await expect(order).toHaveCount(1);
  await expect(order.getByText(/Confirmed|Tickets issued/)).toBeVisible();
  await expect(order.getByText("Total €50.00")).toBeVisible();
  await expect(order.getByRole("listitem")).toHaveCount(2);

  await order.getByRole("button", { name: "Show tickets" }).click();
  for (const ticket of purchase.tickets) {
    await expect(order.getByText(ticket.code)).toBeVisible();
    await expect(
      order.getByRole("img", { name: `QR code of ticket ${ticket.code}` }),
    ).toBeVisible();
  }
  await screenshot(page, "my-orders");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    order.getByRole("link", { name: "Download tickets (PDF)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^marquee-tickets-.*\.pdf$/);
  const path = await download.path();
  const { readFile } = await import("node:fs/promises");
  const pdf = await readFile(path);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

  // My tickets lists the same two, and nobody else can fetch this order's PDF.
  await page
    .getByRole("navigation", { name: "Your account" })
    .getByRole("link", { name: "My tickets" })
    .click();
  for (const ticket of purchase.tickets) {
    await expect(page.getByText(ticket.code)).toBeVisible();
  }
  const stranger = await browser.newContext({ baseURL });
  const anonymous = await stranger.request.get(`/api/orders/${purchase.orderId}/tickets.pdf`);
  expect(anonymous.status()).toBe(401);
  await stranger.close();
});
