import { expect, test } from "@playwright/test";
import {
  confirmWheelchairSpace,
  continueAsGuest,
  focusFirstSeat,
  guestEmail,
  openSeatMap,
  publishEvent,
} from "./support/storefront";

test("a hold runs out: the cart says so and the seat is back on the map", async ({ page }) => {
  test.setTimeout(180_000);
  // The shortest hold catalog allows: one minute.
  const event = await publishEvent({ seats: 10, holdTtlSeconds: 60 });

  await openSeatMap(page, event.eventId);
  await focusFirstSeat(page);
  await page.keyboard.press("Enter");
  await confirmWheelchairSpace(page);
  await continueAsGuest(page, guestEmail());
  const cart = page.getByTestId("cart");
  await expect(cart.getByText("Floor, row A, seat 1")).toBeVisible();
  await expect(cart.getByTestId("countdown")).toHaveText(/^[01]:\d\d$/);
  await expect(page.getByTestId("availability")).toContainText("9 available · 1 held");
  // Under two minutes left from the start: the warning says so in words, in a live region.
  await expect(cart.getByRole("alert")).toHaveText(
    "Your seats are held for less than 2 more minutes. Check out now, or they go back on sale.",
  );

  // Inventory releases an expired hold within two seconds; generous waits, no timing asserted.
  await expect(cart.getByText(/Your hold expired, so those seats were released/)).toBeVisible({
    timeout: 120_000,
  });
  await expect(cart.getByText("Floor, row A, seat 1")).toHaveCount(0);
  await expect(page.getByTestId("availability")).toContainText("10 available · 0 held", {
    timeout: 30_000,
  });
  await page.getByTestId("seat-map").focus();
  await expect(page.getByTestId("focused-seat")).toContainText(
    "row A, seat 1, Main €25.00, available",
  );
});
