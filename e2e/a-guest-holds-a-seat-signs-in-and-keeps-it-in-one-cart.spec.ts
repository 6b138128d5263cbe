import { expect, test } from "@playwright/test";
import { registerBuyer } from "./support/accounts";
import {
  confirmWheelchairSpace,
  continueAsGuest,
  focusFirstSeat,
  guestEmail,
  openSeatMap,
  publishEvent,
  screenshot,
} from "./support/storefront";

test("a guest holds a seat, comes back from checkout for another, signs in and keeps both in one cart", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const event = await publishEvent({ seats: 10, priceCents: 2_500 });
  const account = await registerBuyer();

  // A guest holds seat 1 and goes to checkout.
  await openSeatMap(page, event.eventId);
  await focusFirstSeat(page);
  await page.keyboard.press("Enter");
  await confirmWheelchairSpace(page);
  await continueAsGuest(page, guestEmail());
  const cart = page.getByTestId("cart");
  await expect(cart.getByText("Floor, row A, seat 1")).toBeVisible();
  await cart.getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  const orderUrl = page.url();

  // Back on the map, seat 1 is still the guest's, not "Taken", and seat 2 joins the same order.
  await page.getByRole("link", { name: "Back to the seat map" }).click();
  await expect(page.getByTestId("seat-map")).toHaveAttribute("data-ready", "true");
  await expect(cart.getByText("Floor, row A, seat 1")).toBeVisible();
  await expect(page.getByRole("list", { name: "Legend" }).getByText("Your seats")).toBeVisible();
  await page.getByTestId("seat-map").focus();
  await expect(page.getByTestId("focused-seat")).toContainText("row A, seat 2");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("focused-seat")).toContainText(
    "row A, seat 1, Main €25.00, in your cart",
  );
  await expect(page.getByTestId("focused-seat")).not.toContainText("taken");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(cart.getByText("Floor, row A, seat 2")).toBeVisible();
  await expect(cart.getByText("Floor, row A, seat 1")).toBeVisible();
  await expect(page.getByTestId("cart-total")).toHaveText("€50.00");
  await cart.getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  expect(page.url()).toBe(orderUrl);
  await expect(page.getByText("Floor, row A, seat 1")).toBeVisible();
  await expect(page.getByText("Floor, row A, seat 2")).toBeVisible();
  await screenshot(page, "one-cart-checkout");

  // The guest signs in: both seats are now the account's, still in one cart.
  await page.getByRole("link", { name: "Back to the seat map" }).click();
  await page.getByRole("link", { name: "Sign in to keep your seats" }).click();
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-name")).toHaveText(account.name);
  await expect(page.getByTestId("seat-map")).toHaveAttribute("data-ready", "true");
  await expect(cart.getByText("Floor, row A, seat 1")).toBeVisible();
  await expect(cart.getByText("Floor, row A, seat 2")).toBeVisible();
  await expect(page.getByTestId("cart-total")).toHaveText("€50.00");
  await page.getByTestId("seat-map").focus();
  await expect(page.getByTestId("focused-seat")).toContainText("row A, seat 3");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("focused-seat")).toContainText(
    "row A, seat 2, Main €25.00, in your cart",
  );
  await screenshot(page, "signed-in-keeps-seats");

  await cart.getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  await expect(page.getByText(`Tickets go to ${account.email}.`)).toBeVisible();
  await expect(page.getByText("Floor, row A, seat 1")).toBeVisible();
  await expect(page.getByText("Floor, row A, seat 2")).toBeVisible();
});
