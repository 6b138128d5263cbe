import { expect, test } from "@playwright/test";
import {
  confirmWheelchairSpace,
  continueAsGuest,
  focusFirstSeat,
  guestEmail,
  openSeatMap,
  payByCard,
  publishEvent,
} from "./support/storefront";

test("a declined card shows a clear message, and a retry with a good card goes through", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const event = await publishEvent({ seats: 10 });

  await openSeatMap(page, event.eventId);
  await focusFirstSeat(page);
  await page.keyboard.press("Enter");
  await confirmWheelchairSpace(page);
  await continueAsGuest(page, guestEmail());
  await expect(page.getByTestId("cart").getByText("Floor, row A, seat 1")).toBeVisible();
  await page.getByTestId("cart").getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();

  // A field-level mistake first: named next to its field, nothing charged.
  await page.getByLabel("Card number").fill("4242");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByText("Enter the 12 to 19 digits on the card.")).toBeVisible();
  await expect(page.getByLabel("Card number")).toBeFocused();

  await payByCard(page, "4000 0000 0000 0002");
  await expect(page.getByTestId("payment-error")).toHaveText(
    "Your card was declined. Please try another card.",
    { timeout: 30_000 },
  );
  await expect(page).toHaveURL(/\/checkout\//);

  await payByCard(page, "4242 4242 4242 4242");
  await expect(page.getByRole("heading", { level: 1, name: /your order is in/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("img", { name: /^QR code of ticket / })).toHaveCount(1, {
    timeout: 45_000,
  });
});
