import { expect, test, type Locator, type Page } from "@playwright/test";
import { guestEmail, publishEvent, screenshot } from "./support/storefront";

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, and says how many presses it took; a
 * target the keyboard never reaches fails the journey.
 */
const tabTo = async (page: Page, target: Locator, { backwards = false, most = 40 } = {}) => {
  for (let presses = 0; presses <= most; presses++) {
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${String(target)} was not reached in ${most} presses of Tab`);
};

test("a customer finds an event, skips to the seat map, holds a seat with the arrow keys and pays, all from the keyboard", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const event = await publishEvent({ seats: 10, priceCents: 2_500 });
  const email = guestEmail();
  const focusedSeat = page.getByTestId("focused-seat");
  const map = page.getByTestId("seat-map");
  const skip = page.getByTestId("skip-link");

  // The storefront: the first Tab shows the skip link; it leads past the header to the search.
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(skip).toBeFocused();
  await expect(skip).toHaveText("Skip to content");
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Search")).toBeFocused();
  await page.keyboard.type(event.name);
  await page.keyboard.press("Enter");
  const link = page.getByRole("listitem").filter({ hasText: event.name }).getByRole("link");
  await expect(link).toBeVisible();
  await tabTo(page, link);
  await page.keyboard.press("Enter");

  // The event page starts at its first focusable element, as a loaded page would: the skip link
  // (before the header's links), which leads to the seat map and focuses it.
  await expect(page.getByRole("heading", { level: 1, name: event.name })).toBeVisible();
  await expect(map).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  await expect(skip).toBeFocused();
  await expect(skip).toHaveText("Skip to the seat map");
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Marquee" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(map).toBeFocused();
  // Focus starts on an ordinary seat: row A, seat 1 of a generated layout is a wheelchair space.
  await expect(focusedSeat).toContainText("Floor, row A, seat 2, Main €25.00, available");
  await expect(focusedSeat).not.toContainText("wheelchair");
  await page.keyboard.press("ArrowRight");
  await expect(focusedSeat).toContainText("row A, seat 3");
  await page.keyboard.press("ArrowDown");
  await expect(focusedSeat).toContainText("row B, seat 3");
  await page.keyboard.press("ArrowLeft");
  await expect(focusedSeat).toContainText("row B, seat 2");

  // Holding asks who the seats are for; cancelling gives the focus back to the same seat.
  const gate = page.getByRole("heading", { name: "Who are these seats for?" });
  await page.keyboard.press("Enter");
  await expect(gate).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Cancel" }));
  await page.keyboard.press("Enter");
  await expect(gate).toBeHidden();
  await expect(map).toBeFocused();
  await expect(focusedSeat).toContainText("row B, seat 2");

  // Space holds too; the email is typed into the focused field and sent with Enter.
  await page.keyboard.press(" ");
  await expect(gate).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(
    page.getByRole("region", { name: "Who are these seats for?" }).getByRole("link", {
      name: "Sign in",
    }),
  ).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email for your tickets")).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press("Enter");
  // The browser check (a proof of work) is slow on a loaded machine.
  await expect(gate).toBeHidden({ timeout: 30_000 });
  const cart = page.getByTestId("cart");
  await expect(cart.getByText("Floor, row B, seat 2")).toBeVisible({ timeout: 30_000 });
  await expect(map).toBeFocused();
  await expect(focusedSeat).toContainText("row B, seat 2, Main €25.00, in your cart");
  await screenshot(page, "keyboard-seat-held");

  // From the map, Tab reaches the cart: past its Remove button to Checkout.
  const remove = cart.getByRole("button", { name: /^Remove / });
  const checkout = cart.getByRole("button", { name: "Checkout" });
  expect(await tabTo(page, remove)).toBeGreaterThan(0);
  await page.keyboard.press("Tab");
  await expect(checkout).toBeFocused();
  await page.keyboard.press("Enter");

  // Checkout: the card's fields in order, then Pay.
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  await tabTo(page, page.getByLabel("Card number"));
  await page.keyboard.type("4242 4242 4242 4242");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Expiry (MM/YY)")).toBeFocused();
  await page.keyboard.type("12/30");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Security code")).toBeFocused();
  await page.keyboard.type("123");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Pay €25.00" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1, name: /your order is in/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText("Floor, row B, seat 2").first()).toBeVisible();
  await expect(page.getByRole("img", { name: /^QR code of ticket / })).toHaveCount(1);
  await screenshot(page, "keyboard-confirmation");
});
