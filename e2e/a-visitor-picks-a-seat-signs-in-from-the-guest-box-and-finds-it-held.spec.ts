import { expect, test } from "@playwright/test";
import { registerBuyer } from "./support/accounts";
import { openSeatMap, publishEvent } from "./support/storefront";

test("a visitor picks a seat, chooses Sign in in the guest box, and finds that seat held once back", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const event = await publishEvent({ seats: 10, priceCents: 3_000 });
  const account = await registerBuyer();

  // Not signed in: picking row A, seat 3 asks who the seats are for.
  const map = await openSeatMap(page, event.eventId);
  await map.focus();
  await expect(page.getByTestId("focused-seat")).toContainText("row A, seat 2");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("focused-seat")).toContainText("row A, seat 3");
  await page.keyboard.press("Enter");
  const box = page.getByRole("region", { name: "Who are these seats for?" });
  await expect(box).toBeVisible();
  await box.getByRole("link", { name: "Sign in" }).click();

  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  // Back on the event page, signed in, with the seat picked before held in the cart.
  await expect(page.getByTestId("signed-in-name")).toHaveText(account.name);
  const cart = page.getByTestId("cart");
  await expect(cart.getByText("Floor, row A, seat 3")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("cart-total")).toHaveText("€30.00");
  await expect(page).toHaveURL(new RegExp(`/events/${event.eventId}$`));

  // The pick left the address with the hold: a reload shows the one seat, held once.
  await page.reload();
  await expect(page.getByTestId("seat-map")).toHaveAttribute("data-ready", "true");
  await expect(cart.getByText("Floor, row A, seat 3")).toBeVisible();
  await expect(page.getByTestId("cart-total")).toHaveText("€30.00");
  await expect(page.getByTestId("seat-map-message")).toHaveCount(0);
});
