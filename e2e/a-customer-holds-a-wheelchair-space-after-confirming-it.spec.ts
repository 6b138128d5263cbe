import { expect, test } from "@playwright/test";
import { continueAsGuest, guestEmail, openSeatMap, publishEvent } from "./support/storefront";

test("a customer reaches a wheelchair space with the keyboard, cancels the question once, then confirms and holds it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Floor: rows A and B of 5 seats; row A's seats 1 and 5 are wheelchair spaces.
  const event = await publishEvent({ seats: 10, priceCents: 2_500 });
  const map = await openSeatMap(page, event.eventId);
  await expect(page.getByRole("list", { name: "Legend" })).toContainText(
    "Wheelchair space, marked with a ring",
  );

  // Focus starts on the first ordinary seat; one step left is the wheelchair space.
  await map.focus();
  await expect(page.getByTestId("focused-seat")).toContainText("row A, seat 2");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("focused-seat")).toContainText(
    "row A, seat 1, Main €25.00, available, wheelchair space",
  );

  // Enter asks first; Cancel holds nothing and gives the focus back to the map, on that seat.
  const dialog = page.getByRole("dialog", { name: "This is a wheelchair space" });
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: "This is a wheelchair space" })).toBeFocused();
  await expect(dialog).toContainText("Section Floor, row A, seat 1 is a space for a wheelchair");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(map).toBeFocused();
  await expect(page.getByTestId("focused-seat")).toContainText("row A, seat 1");
  await expect(page.getByRole("heading", { name: "Who are these seats for?" })).toHaveCount(0);
  await expect(page.getByTestId("availability")).toContainText("10 available · 0 held");

  // Escape is a cancel too.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(map).toBeFocused();
  await expect(page.getByTestId("availability")).toContainText("10 available · 0 held");

  // Confirmed, the seat is held (through the guest box) and in the cart.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Hold the wheelchair space" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await continueAsGuest(page, guestEmail());
  const cart = page.getByTestId("cart");
  await expect(cart.getByText("Floor, row A, seat 1")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("availability")).toContainText("9 available · 1 held");

  // Best available with "Wheelchair spaces" ticked holds the other one, row A seat 5.
  const form = page.getByRole("form", { name: "Best available seats" });
  await form.getByLabel("Number of seats").selectOption("1");
  await form.getByRole("checkbox", { name: "Wheelchair spaces" }).check();
  await form.getByRole("button", { name: "Find seats" }).click();
  await expect(cart.getByText("Held for you: Section Floor, row A, seat 5.")).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByTestId("availability")).toContainText("8 available · 2 held");
});
