import { expect, test } from "@playwright/test";
import {
  confirmWheelchairSpace,
  continueAsGuest,
  focusFirstSeat,
  guestEmail,
  openSeatMap,
  publishEvent,
} from "./support/storefront";

const WARNING =
  "Your seats are held for less than 2 more minutes. Check out now, or they go back on sale.";

test("a customer warned that the hold is ending keeps the seats 5 more minutes, once", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // The shortest hold catalog allows (one minute), so the warning is due at once; 5 minutes more, once.
  const event = await publishEvent({ seats: 10, holdTtlSeconds: 60, holdExtensionMinutes: 5 });

  await openSeatMap(page, event.eventId);
  await focusFirstSeat(page);
  await page.keyboard.press("Enter");
  await confirmWheelchairSpace(page);
  await continueAsGuest(page, guestEmail());
  const cart = page.getByTestId("cart");
  await expect(cart.getByText("Floor, row A, seat 1")).toBeVisible();
  await expect(cart.getByTestId("countdown")).toHaveText(/^[01]:\d\d$/);
  await expect(cart.getByRole("alert")).toHaveText(WARNING);

  // A real button, reached with the keyboard.
  const keep = cart.getByRole("button", { name: "Keep my seats 5 more minutes" });
  await keep.focus();
  await expect(keep).toBeFocused();
  await page.keyboard.press("Enter");

  // The result is said in words and takes the focus; the countdown shows the later end.
  const result = cart.getByTestId("hold-extension-result");
  await expect(result).toHaveText(
    /^Done: your seats are held 5 more minutes, until \d{1,2}:\d\d( [AP]M)?\.$/,
  );
  await expect(result).toBeFocused();
  await expect(cart.getByTestId("countdown")).toHaveText(/^[56]:\d\d$/);
  await expect(cart.getByRole("alert")).toHaveText("");
  await expect(cart.getByRole("button", { name: /Keep my seats/ })).toHaveCount(0);

  // Ordering's cart has the new end too: a fresh page counts down from it, still holding the seat.
  await page.reload();
  await expect(page.getByTestId("seat-map")).toHaveAttribute("data-ready", "true");
  await expect(cart.getByText("Floor, row A, seat 1")).toBeVisible();
  await expect(cart.getByTestId("countdown")).toHaveText(/^[56]:\d\d$/);
  await expect(cart.getByRole("button", { name: /Keep my seats/ })).toHaveCount(0);
  await expect(page.getByTestId("availability")).toContainText("9 available · 1 held");
});

test("an event that allows no extension warns without offering one", async ({ page }) => {
  test.setTimeout(120_000);
  const event = await publishEvent({ seats: 10, holdTtlSeconds: 60 });

  await openSeatMap(page, event.eventId);
  await focusFirstSeat(page);
  await page.keyboard.press("Enter");
  await confirmWheelchairSpace(page);
  await continueAsGuest(page, guestEmail());
  const cart = page.getByTestId("cart");
  await expect(cart.getByRole("alert")).toHaveText(WARNING);
  await expect(cart.getByRole("button", { name: /Keep my seats/ })).toHaveCount(0);
});
