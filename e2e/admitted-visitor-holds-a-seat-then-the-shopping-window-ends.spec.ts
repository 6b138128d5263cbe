import { expect, test } from "@playwright/test";
import { joinAsGuest, waitingRoom } from "./support/on-sale";
import {
  confirmWheelchairSpace,
  focusFirstSeat,
  guestEmail,
  publishEvent,
  screenshot,
} from "./support/storefront";

test("an admitted visitor holds a seat, the shopping window ends: the page says so, holds no more, and the held seat can still be checked out", async ({
  page,
}) => {
  test.setTimeout(240_000);
  // On sale now, behind a waiting room that lets a visitor in at once for the shortest window.
  const event = await publishEvent({
    seats: 10,
    onSale: { waitingRoom: { admitPerMinute: 600, windowSeconds: 60 } },
  });

  await page.goto(`/events/${event.eventId}`);
  await expect(page.getByTestId("seat-map-locked")).toHaveText(
    "This sale has a waiting room: you can hold seats once it is your turn.",
  );
  await joinAsGuest(page, guestEmail());
  await expect(page.getByTestId("waiting-room-admitted")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("shopping-countdown")).toHaveText(/^[01]:\d\d$/);
  await expect(page.getByTestId("seat-map-locked")).toHaveCount(0);
  await focusFirstSeat(page);
  await page.keyboard.press("Enter");
  await confirmWheelchairSpace(page);
  const cart = page.getByTestId("cart");
  await expect(cart.getByText("Floor, row A, seat 1")).toBeVisible({ timeout: 30_000 });

  // The window runs out while the visitor looks: the page says so and locks the map again.
  await expect(waitingRoom(page)).toHaveAttribute("data-state", "expired", { timeout: 90_000 });
  await expect(waitingRoom(page)).toContainText("Your shopping window has ended.");
  await expect(page.getByTestId("seat-map-locked")).toHaveText(
    "Your shopping window has ended, so no more seats can be held.",
  );
  await page.getByTestId("seat-map").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("seat-map-message")).toHaveText(
    "Your shopping window has ended, so no more seats can be held.",
  );
  await expect(cart.getByText("Floor, row A, seat 2")).toHaveCount(0);
  await screenshot(page, "waiting-room-expired");

  // The seat held in time is still the visitor's to pay for.
  await cart.getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible({
    timeout: 15_000,
  });
});
